"""Repairs and additions for the whole site, not tied to the schedule.

:mod:`.a11y` amends Sphinx's and the theme's HTML where accessibility checkers find
faults; :mod:`.pages` trims each page's assets and adds its description; :mod:`.years`
is the year switcher; :mod:`.navigation` renders furo's sidebar tree once per build;
:mod:`.printed` adapts pages for the PDF handbook and the e-book; :mod:`.handbook_toc`
keeps the handbook's second toctree from being reported; :mod:`.latex_language` names
LaTeX's own headings in the build's language; :mod:`.search_scope` decides what students'
search finds; :mod:`.editions` links the PDF and the e-book and decides what the web
edition publishes; :mod:`.qr_addresses` prints the site's addresses and QR codes in the PDF;
:mod:`.ebook` decides what the e-book holds.  For the editions in other languages:
:mod:`.hreflang` links each page to the same page of the others,
:mod:`.chinese_search` makes the Chinese search work and cost little, :mod:`.theme_words`
translates furo's unmarked words.  Nothing here imports the schedule's modules.
"""
