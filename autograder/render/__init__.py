"""Pages and papers: HTML templates, charts and PDF certificates, all offline."""
