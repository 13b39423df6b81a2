"""The DataArena dashboard (Streamlit): pages over the published warehouse snapshot."""
