"""What every rows-accounted-for asset check reports: the counts, the problems, the verdict."""
import dagster as dg

from warehouse.accounting import Accounting


def accounting_result(accounting: Accounting) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=accounting.passed, metadata={**accounting.counts,
                                                                 "problems": "; ".join(accounting.problems)})
