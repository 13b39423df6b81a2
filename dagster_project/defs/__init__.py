"""The code location by domain: each subpackage holds its assets, partitions, jobs and checks."""
