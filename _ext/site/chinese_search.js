/*
 * splitQuery for the Chinese edition: a query split into the words the index holds.
 *
 * Sphinx writes this file into language_data.js (``js_splitter_code`` of the Chinese
 * search language in _ext/site/chinese_search.py); searchtools.js uses it instead of its own
 * splitter, which keeps a run of Chinese characters as one token ("生成模型") while the
 * index holds jieba's shorter words ("生成", "模型").  Each run of Han characters is
 * split into the fewest words found in the index's own vocabulary (terms and title
 * terms); a character the index does not know stays glued to its unknown neighbours, so
 * an unknown word is still required and a search for it honestly finds nothing.  A lone
 * unknown character is dropped: the index never holds one-character words.  Every other
 * token (Latin words, numbers) is split as Sphinx splits it.
 */
var splitQuery = (query) => {
  const index = (typeof Search !== "undefined" && Search._index) || {};
  const has = (table, word) =>
    table !== undefined && Object.prototype.hasOwnProperty.call(table, word);
  const known = (word) => has(index.terms, word) || has(index.titleterms, word);
  const longest = 8; // characters; longer index words are reached by their parts

  // fewest pieces, unknown characters counted first: best[i] covers run[0:i]
  const segment = (run) => {
    const best = [{ unknown: 0, pieces: 0, from: 0, word: false }];
    for (let end = 1; end <= run.length; end++) {
      let choice = null;
      for (let start = Math.max(0, end - longest); start < end; start++) {
        const word = end - start > 1 && known(run.slice(start, end));
        const before = best[start];
        const unknown = before.unknown + (word ? 0 : end - start);
        const pieces = before.pieces + 1;
        if (!word && end - start > 1) continue; // unknown text goes one character at a time
        if (
          choice === null ||
          unknown < choice.unknown ||
          (unknown === choice.unknown && pieces < choice.pieces)
        )
          choice = { unknown, pieces, from: start, word };
      }
      best.push(choice);
    }
    const pieces = [];
    for (let end = run.length; end > 0; end = best[end].from)
      pieces.unshift({ text: run.slice(best[end].from, end), word: best[end].word });
    // glue neighbouring unknown characters back together; drop a lone one
    const words = [];
    let pending = "";
    const flush = () => {
      if (pending.length > 1) words.push(pending);
      pending = "";
    };
    pieces.forEach((piece) => {
      if (piece.word) {
        flush();
        words.push(piece.text);
      } else pending += piece.text;
    });
    flush();
    return words;
  };

  const words = [];
  query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((token) => token)
    .forEach((token) =>
      token
        .split(/(\p{Script=Han}+)/u)
        .filter((part) => part)
        .forEach((part) => {
          if (/\p{Script=Han}/u.test(part)) words.push(...segment(part));
          else words.push(part);
        }),
    );
  return words;
};
