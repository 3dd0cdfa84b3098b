"""Network: who is tied to whom, sized by mentions; click a node for its card and evidence."""

import streamlit as st

from components import network
from components.frame import frame

page = frame("Network")
st.title("Network")
st.caption("Organizations (and, by choice, people and places) named together or related in the articles.")

view = network.render_controls(page)
model = network.load_view(page, view)
network.render_chart(page, model)
network.render_exports(page, model)
network.render_selection(page, model)
network.render_tables(model)
