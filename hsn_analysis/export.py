"""Executed notebook → one self-contained HTML file, with the project's own nbconvert template.

nbconvert's `lab` and `classic` templates load require.js, MathJax and mermaid from CDNs, so
they do not open offline. The `hsn_rapport` template writes only the cells' HTML and PNG outputs
into a page with an inline stylesheet: no script, no code, no prompts, nothing fetched.
"""

from __future__ import annotations

from typing import Any

from hsn_analysis.paths import REPORT_TEMPLATE, TEMPLATES

# Cells that must never reach the report, whatever their outputs.
REMOVED_CELL_TAGS = {"parameters", "injected-parameters", "remove_cell"}


def export_html(notebook: Any, title: str) -> str:
    """The report page of an executed notebook (an `nbformat.NotebookNode`).

    `title` becomes the page's `<title>`. Code, prompts, parameter cells, markdown cells, stream
    output and errors are not exported: the report is what the library's fragments and charts say.
    """
    # Deferred: nbconvert and traitlets take a while to import and only the runner needs them.
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = REMOVED_CELL_TAGS
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    exporter = HTMLExporter(
        config=config,
        template_name=REPORT_TEMPLATE,
        extra_template_basedirs=[str(TEMPLATES)],
    )
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return body
