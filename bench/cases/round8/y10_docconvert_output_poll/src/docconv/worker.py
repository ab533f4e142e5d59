"""Conversion worker, run as `python -m docconv.worker SRC DEST`."""
import json
import sys
import time

LINES_PER_PAGE = 60


def analyse(text):
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    out = []
    for i, para in enumerate(paragraphs):
        words = para.split()
        out.append({
            "index": i,
            "words": len(words),
            "chars": len(para),
            "tokens": [w.strip(".,;:!?").lower() for w in words],
        })
    return {"paragraphs": out, "total_words": sum(p["words"] for p in out)}


def paginate(paragraphs):
    pages = []
    for start in range(0, len(paragraphs), LINES_PER_PAGE):
        chunk = paragraphs[start:start + LINES_PER_PAGE]
        time.sleep(0.00175)  # layout engine call per page
        pages.append({"first": chunk[0]["index"], "last": chunk[-1]["index"]})
    return pages


def main(argv):
    src, dest = argv[1], argv[2]
    with open(src, encoding="utf-8") as fh:
        text = fh.read()
    result = analyse(text)
    result["pages"] = paginate(result["paragraphs"])
    with open(dest, "w", encoding="utf-8") as out:
        json.dump(result, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
