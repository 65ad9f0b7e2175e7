/* The search page's query, spelled the way the index keeps it (see _ext/site/search.py):
   "normalising" and "normalizing" meet on one stem.  Runs after language_data.js, before
   the search starts (deferred), and wraps the stemmer the query uses. */
(() => {
  const rules = [
    [/(?<=\w\w\w)([iy])s(e|es|ed|ing|ation|ations|er|ers)$/, "$1z$2"],
    [/(?<=\w\w[aeiou])ll(ing|ed|er|ers)$/, "l$1"],
  ];
  const american = (word) =>
    rules.reduce((w, [pattern, replacement]) => w.replace(pattern, replacement),
      word.toLowerCase());
  const Base = window.Stemmer;
  if (!Base || Base.americanSpelling) return;
  const Stemmer = function () {
    const base = new Base();
    this.stemWord = (word) => base.stemWord(american(word));
  };
  Stemmer.americanSpelling = true;
  window.Stemmer = Stemmer;
})();
