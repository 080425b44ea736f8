"""The Qt side: widgets, plots and workers on top of desktop.core.

Item data here is never None and an empty combo box's data is never read: converting an unset
QVariant to Python is where PySide6 6.12.0 drops references to None (pyproject.toml caps
PySide6 below 6.12 for that reason; tests/qt/test_pyside_refcount.py checks it).
"""
