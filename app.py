import streamlit as st

st.title("Loss Lab")
st.write("See, step by step, how Keras turns predictions and targets into one loss value.")
