"""Right after `arena demo --no-train` (no benchmark results yet) every page renders: populated where
the demo has data (datasets, lineage, releases), an explanation where results are still missing."""
import pytest

from tests.app.test_pages import PAGES, _frames, _page

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_on_the_bare_demo(page, demo_arena_without_results):
    at = _page(page)
    infos = " ".join(i.value for i in at.info)
    if page == "leaderboard":
        assert "No benchmark results yet" in infos
    elif page == "dataset":
        assert len(_frames(at)[0]) == 20  # the sample browser
    elif page == "compare":
        assert not _frames(at)[0].empty
    elif page == "lineage":
        assert {"demo_math_noisy", "demo_math_terse"} <= set(_frames(at)[-1].target_dataset_id)
    elif page == "trends":
        assert "No benchmark results" in infos and (at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart"))
    elif page == "correlations":
        assert "No correlations yet" in infos
