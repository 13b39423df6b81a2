"""DataArena dashboard: `streamlit run app/streamlit_app.py` (or `app.serve.serve()`).

Pages live in app_pages/ and are wired with st.navigation. They read marts from the published,
read-only warehouse snapshot (app.db), so the app keeps serving while Dagster and dbt build.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path[:1]:
    sys.path.insert(0, str(ROOT))  # the project's packages, whatever directory streamlit was started from

import streamlit as st  # noqa: E402

from app import db  # noqa: E402

PAGES = Path(__file__).resolve().parent / "app_pages"

st.set_page_config(page_title="DataArena", page_icon=":bar_chart:", layout="wide")

# The landing page is served at "/" (Streamlit gives the default page no path of its own), so every
# other page, the leaderboard included, has a deep link such as /leaderboard.
pages = [
    st.Page(PAGES / "overview.py", title="Overview", icon=":material/home:", url_path="overview", default=True),
    st.Page(PAGES / "leaderboard.py", title="Leaderboard", icon=":material/leaderboard:", url_path="leaderboard"),
    st.Page(PAGES / "findings.py", title="Findings", icon=":material/insights:", url_path="findings"),
    st.Page(PAGES / "dataset.py", title="Dataset", icon=":material/dataset:", url_path="dataset"),
    st.Page(PAGES / "compare.py", title="Compare", icon=":material/compare:", url_path="compare"),
    st.Page(PAGES / "lineage.py", title="Lineage explorer", icon=":material/account_tree:", url_path="lineage"),
    st.Page(PAGES / "trends.py", title="Trends", icon=":material/trending_up:", url_path="trends"),
    st.Page(PAGES / "correlations.py", title="Correlations", icon=":material/scatter_plot:", url_path="correlations"),
    st.Page(PAGES / "domains.py", title="Domains", icon=":material/category:", url_path="domains"),
    st.Page(PAGES / "predicted_value.py", title="Predicted value", icon=":material/query_stats:",
            url_path="predicted_value"),
    st.Page(PAGES / "experiments.py", title="Experiments", icon=":material/science:", url_path="experiments"),
]
nav = st.navigation(pages)
snapshot = db.snapshot_path()
st.sidebar.caption(f"Warehouse snapshot: `{snapshot.name}`" if snapshot else "No warehouse snapshot yet")
nav.run()
