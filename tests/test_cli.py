"""The `news-digest` batch commands: the same functions the pipeline uses, over JSON lines."""

import io
import json
import sys

from news_digest.cli import main

PAGE = ("<html><head><title>Bridge plan approved</title></head><body><nav>Home News</nav>"
        "<article><h1>Bridge plan approved</h1>"
        "<p>The city council of Lyon approved a 240 million euro plan to rebuild the bridge on "
        "Monday, after months of debate about its cost and its design.</p>"
        "<p>Work will start in March and last two years, the mayor said at a press conference.</p>"
        "<p>Read more: <a href='/x'>Other story</a></p></article>"
        "<div><h3>Leave a Reply</h3></div></body></html>")


def _run(monkeypatch, capsys, argv, stdin: str) -> str:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    assert main(argv) == 0
    return capsys.readouterr().out


def test_extract_jsonl(monkeypatch, capsys):
    out = _run(monkeypatch, capsys, ["extract", "--jsonl"],
               json.dumps({"id": "p1", "url": "https://x.example/a", "html": PAGE}) + "\n")
    rec = json.loads(out)
    assert rec["id"] == "p1"
    assert rec["text"].startswith("The city council of Lyon approved")
    assert "\n\nWork will start" in rec["text"]
    assert "Read more" not in rec["text"] and "Leave a Reply" not in rec["text"]


def test_extract_explain_names_the_rules(monkeypatch, capsys):
    out = _run(monkeypatch, capsys, ["extract", "--explain", "--url", "https://x.example/a"], PAGE)
    lines = out.splitlines()
    assert any(line.startswith("KEEP") and "city council" in line for line in lines)
    assert any(line.startswith("DROP") and "Read more" in line for line in lines)


def test_summarize_and_cluster_jsonl(monkeypatch, capsys):
    text = ("Le conseil municipal de Lyon a approuvé lundi un plan de 240 millions d'euros. "
            "Les travaux commenceront en mars et dureront deux ans. Le maire s'est félicité.")
    out = _run(monkeypatch, capsys, ["summarize"],
               json.dumps({"id": 7, "text": text, "lang": "fr"}) + "\n")
    assert json.loads(out) == {"id": 7, "summary": json.loads(out)["summary"]}
    assert json.loads(out)["summary"].startswith("Le conseil municipal de Lyon")
    docs = [{"id": "a", "text": "Lyon approves 240 million euro Pont Lafayette bridge plan"},
            {"id": "b", "text": "Pont Lafayette: Lyon votes 240 million euros for the bridge"},
            {"id": "c", "text": "Halvorsen to build chip factory in Tromso, Norway"}]
    out = _run(monkeypatch, capsys, ["cluster"], "".join(json.dumps(d) + "\n" for d in docs))
    labels = {r["id"]: r["cluster"] for r in map(json.loads, out.splitlines())}
    assert labels["a"] == labels["b"] != labels["c"]


def test_extract_explain_with_feed_rules(monkeypatch, capsys):
    page = PAGE.replace("<p>Work will", "<p class='promo'>Win a prize!</p><p>Work will")
    out = _run(monkeypatch, capsys, ["extract", "--explain", "--remove", ".promo"], page)
    assert any(line.startswith("DROP") and "feed-rule:remove" in line and "Win a prize" in line
               for line in out.splitlines())
    assert main(["extract", "--keep", "div["]) == 2
