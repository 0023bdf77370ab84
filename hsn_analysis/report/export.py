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


def report_exporter() -> Any:
    """An exporter with nbconvert imported and the report template compiled, ready to export.

    Making one takes a few tenths of a second; the runner makes it while the kernel boots.
    It is nbconvert's plain `TemplateExporter`: `HTMLExporter` would parse and re-serialise the
    whole page with BeautifulSoup afterwards (0,15 s here) only to add alt text to images
    without one and focus to JupyterLab's cell classes; the report has neither (every chart
    carries its own alt text).
    """
    # Deferred: nbconvert and traitlets take a while to import and only the runner needs them.
    from nbconvert.exporters import TemplateExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = REMOVED_CELL_TAGS
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    exporter = TemplateExporter(
        config=config,
        template_name=REPORT_TEMPLATE,
        template_file="index.html.j2",
        extra_template_basedirs=[str(TEMPLATES)],
    )
    exporter.output_mimetype = "text/html"
    _ = exporter.template  # the property compiles the template: now, not during the export
    return exporter


def export_html(notebook: Any, title: str, exporter: Any = None) -> str:
    """The report page of an executed notebook (an `nbformat.NotebookNode`).

    `title` becomes the page's `<title>`. Code, prompts, parameter cells, markdown cells, stream
    output and errors are not exported: the report is what the library's fragments and charts say.
    `exporter` is one from `report_exporter` (made here if not given).
    """
    exporter = exporter or report_exporter()
    body: str
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return body
