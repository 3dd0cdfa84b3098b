"""Quotes: search what was said, by whom, and read it in its paragraph."""

import streamlit as st

from components import quotes
from components.frame import frame

page = frame("Quotes")
st.title("Quotes")
st.caption("Direct quotes (the words inside quotation marks) and reported statements, with their speakers.")

query = quotes.render_controls(page)
quotes.render_speakers_chart(page, query)
quotes.render_results(page, query)
