"""Timeline: events at the precision the text gives, in lanes by actor; click one for its evidence."""

import streamlit as st

from components import timeline
from components.frame import frame

page = frame("Timeline")
st.title("Timeline")
st.caption("Events dated in the articles: a day as a dot, a month or a year as a span (never more precise than the text).")

view = timeline.render_controls(page)
model = timeline.load_view(page, view)
timeline.render_chart(page, model)
timeline.render_evidence_panel(page, model)
timeline.render_table(model)
