/* Sphinx's sphinx_highlight.js asks a matched SVG text's parent for getBBox(); furo's icon
   <title>s have none, and "?highlight=li" threw.  They take no space: an empty box. */
for (const type of [window.SVGTitleElement, window.SVGDescElement]) {
  if (type && !("getBBox" in type.prototype)) {
    type.prototype.getBBox = () => new DOMRect(0, 0, 0, 0);
  }
}
