"""From the dossier model to pages, charts, exports and the PDF briefing."""
