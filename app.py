"""Newsgraph: the overview of the store, and the way into the network, the timeline and the quotes.

Run with `streamlit run app.py`. On first run, when the store does not exist yet, the frame builds it
from the bundled articles (NEWSGRAPH_ARTICLES) with a progress bar.
"""

import streamlit as st

from components import overview
from components.frame import frame

page = frame("Overview")
st.title("Newsgraph")
st.caption("Organizations, events and quotes extracted from news articles. Filters in the sidebar apply to every page.")

overview.render_counts(page)
overview.render_links(page)
left, right = st.columns([3, 2], gap="large")
with left:
    overview.render_connected(page)
with right:
    overview.render_latest_events(page)
    overview.render_latest_quotes(page)
overview.render_store_note(page)
