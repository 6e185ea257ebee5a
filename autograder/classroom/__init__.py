"""The student's classroom: JupyterLab set up for students, and the offline Pi bundle."""
