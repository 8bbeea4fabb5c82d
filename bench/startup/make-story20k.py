#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the ~20,000-word Markdown story of the start-up benchmark (issue 14):
the sample story's paragraphs repeated, a "## Section N" heading every 15
paragraphs, after the sample's headline as "# ...". The same method as the
team's measuring tool, so the numbers compare.

Usage: make-story20k.py SAMPLE_STORY.json OUT.md
"""
import json
import sys

story = json.load(open(sys.argv[1], encoding="utf-8"))
out, words, i = ["# " + story["headline"], ""], 0, 0
while words < 20000:
    paragraph = story["paragraphs"][i % len(story["paragraphs"])]
    out += [paragraph, ""]
    words += len(paragraph.split())
    i += 1
    if i % 15 == 0:
        out += ["## Section %d" % (i // 15), ""]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
