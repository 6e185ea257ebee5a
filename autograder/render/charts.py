"""The report's charts, drawn to PNG files so the report opens offline and prints."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen on a Pi over SSH or in CI
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from autograder import safe_files


def bar_chart(path: Path, labels: list[str], values: list[float], *, title: str, ylabel: str,
              ymax: float = 100) -> Path:
    fig, ax = plt.subplots(figsize=(8, 3.2), dpi=110)
    ax.bar(labels, values, color="#1565c0")
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, ymax)
    ax.tick_params(axis="x", labelrotation=60, labelsize=8)
    fig.tight_layout()
    with safe_files.replacing(path) as partial:
        fig.savefig(partial, format=path.suffix.lstrip(".") or "png")
    plt.close(fig)
    return path


def histogram(path: Path, values: list[float], *, title: str, xlabel: str) -> Path:
    fig = histogram_figure(values, title=title, xlabel=xlabel)
    fig.tight_layout()
    with safe_files.replacing(path) as partial:
        fig.savefig(partial, format=path.suffix.lstrip(".") or "png")
    plt.close(fig)
    return path


def histogram_figure(values: list[float], *, title: str, xlabel: str):  # noqa: ANN201
    """How many students in each 10 % band; the count axis shows whole students only."""
    fig, ax = plt.subplots(figsize=(8, 3.2), dpi=110)
    ax.hist(values, bins=range(0, 101, 10), color="#2e7d32", edgecolor="white")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("students")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # never half a student
    ax.set_xlim(0, 100)
    return fig
