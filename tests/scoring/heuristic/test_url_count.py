from heuristic_cases import run


def test_urls_and_emails():
    assert run("url_count", a="see https://x.org/a and www.y.com, mail a@b.co") == {"urls": 2, "emails": 1}
