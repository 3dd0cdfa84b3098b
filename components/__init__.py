"""Streamlit building blocks of the Newsgraph app.

Pure parts (URL state, captions, figure builders, evidence highlighting) are plain functions tested
with pytest; the thin ``render_*`` functions and ``frame`` are the only places that call Streamlit.
"""
