"""Articles: read the corpus with its actors marked, add to it, and correct how names are grouped."""

import streamlit as st

from components import articles
from components.frame import frame

page = frame("Articles", needs_data=False)  # an empty store is where adding starts
st.title("Articles")
st.caption(
    "Read each article with its actors marked, its quotes and its events; add articles from files or a pasted "
    "text; correct entities (merge, rename, split, hide). The sidebar's filters narrow the list."
)

read, add, correct = articles.views(page)
if read.open:
    with read:
        articles.render_read(page)  # the list, or the article a link or a click opened
if add.open:
    with add:
        articles.render_add(page)  # upload files or paste a text; a summary of what went in
if correct.open:
    with correct:
        articles.render_correct(page)  # merge, rename, split, hide; the rules, undo
articles.keep_view_in_url(page)
