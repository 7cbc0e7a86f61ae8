"""Text analysis for the database search backends: the same steps at indexing
and at query time, so that what a visitor types meets what was stored.

- Han text is segmented into words with jieba (the centre's own terms from
  dictionary.txt added). A document also stores every dictionary word inside a
  longer word and each single character, so 西港 finds 柬埔寨西港特区 and 产权
  finds 知识产权, while a query keeps whole words (知识产权 does not match a page
  that only says 知识).
- Other text is folded (full-width to ASCII, accents removed, lower case),
  English stop words are dropped and words are stemmed (Snowball English).
  A query stem of five letters or more also matches longer stems that begin
  with it (registering → regist matches registration → registr); the
  OpenSearch analysis does the same with edge n-grams of stems.

The output is a string of space-separated tokens that SQLite FTS5's unicode61
tokenizer and PostgreSQL's 'simple' configuration split back into the same
tokens without changing them.
"""

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import snowballstemmer

DICTIONARY_FILE = Path(__file__).with_name("dictionary.txt")

# Lucene's English stop set (what `stop: _english_` removes in the engines).
ENGLISH_STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not"}
    | {"of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was"}
    | {"will", "with"}
)
# Function characters that jieba keeps as one-character words; a query
# containing them should not require them.
CHINESE_STOP_WORDS = frozenset("的了和与及或在是对为等之于以其这那也都而并把被从向将就个吗呢啊吧")
PREFIX_MIN_STEM = 5  # shorter stems match exactly only (art ≠ article)
LONGEST_SUBWORD = 12

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
HAN_RUN = re.compile(f"[{HAN}]+")
_WORD = re.compile(r"[^\W_]+")

_tokenizer = None
_tokenizer_lock = threading.Lock()


def segmenter():
    """jieba's tokenizer with the centre's dictionary, built once per process."""
    global _tokenizer
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                for word, freq, tag in centre_terms():
                    tokenizer.add_word(word, freq, tag)
                _tokenizer = tokenizer
    return _tokenizer


def centre_terms():
    """(word, frequency, tag) from dictionary.txt; '#' starts a comment."""
    terms = []
    for line in DICTIONARY_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, *rest = line.split()
        freq = int(rest[0]) if rest else None
        tag = rest[1] if len(rest) > 1 else None
        terms.append((word, freq, tag))
    return terms


_stemmer = threading.local()


@lru_cache(maxsize=50_000)
def stem(word):
    # Pure Python and called for every English word indexed, searched or
    # highlighted: remember the answers. Snowball stemmers keep state: one per thread.
    if not hasattr(_stemmer, "english"):
        _stemmer.english = snowballstemmer.stemmer("english")
    return _stemmer.english.stemWord(word)


def fold(text):
    """Full-width to ASCII (NFKC, as `cjk_width`), accents removed, lower case."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.casefold()


@dataclass(frozen=True)
class Token:
    text: str
    han: bool


def _runs(text):
    """Han runs and other words, in order."""
    for chunk in _split_han(fold(text)):
        if HAN_RUN.fullmatch(chunk):
            yield Token(chunk, True)
        else:
            for word in _WORD.findall(chunk):
                yield Token(word, False)


def _split_han(text):
    position = 0
    for match in HAN_RUN.finditer(text):
        if match.start() > position:
            yield text[position : match.start()]
        yield match.group()
        position = match.end()
    if position < len(text):
        yield text[position:]


def _han_words(run):
    return [word for word in segmenter().cut(run, HMM=True) if word.strip() and word not in CHINESE_STOP_WORDS]


@lru_cache(maxsize=4096)
def _contained_words(word):
    """Dictionary words inside a longer word, and its single characters."""
    if len(word) < 2:
        return ()
    freq = segmenter().FREQ
    found = []
    for length in range(min(len(word) - 1, LONGEST_SUBWORD), 1, -1):
        for start in range(len(word) - length + 1):
            part = word[start : start + length]
            if freq.get(part) and part not in found:
                found.append(part)
    found.extend(dict.fromkeys(c for c in word if c not in CHINESE_STOP_WORDS))
    return tuple(found)


def _english(word, stemmed):
    if word in ENGLISH_STOP_WORDS:
        return None
    return stem(word) if stemmed else word


def document_tokens(text, stemmed=True):
    """Tokens to store for a field value: words in reading order (so phrase
    queries work), then the parts of longer Han words."""
    words, parts = [], []
    for run in _runs(text):
        if run.han:
            for word in _han_words(run.text):
                words.append(word)
                parts.extend(_contained_words(word))
        elif (token := _english(run.text, stemmed)) is not None:
            words.append(token)
    return words + parts


def analyze_document(text, stemmed=True):
    return " ".join(document_tokens(text or "", stemmed=stemmed))


@dataclass(frozen=True)
class QueryTerm:
    text: str
    prefix: bool = False


def query_terms(text, autocomplete=False):
    """Terms of a query. Search: stemmed words, long stems as prefixes.
    Autocomplete: unstemmed words, the last one a prefix (what is being typed)."""
    terms = []
    for run in _runs(text):
        if run.han:
            terms.extend(QueryTerm(word) for word in _han_words(run.text))
        elif autocomplete:
            terms.append(QueryTerm(run.text))
        elif (token := _english(run.text, stemmed=True)) is not None:
            terms.append(QueryTerm(token, prefix=len(token) >= PREFIX_MIN_STEM and token.isalpha()))
    if autocomplete and terms:
        terms[-1] = QueryTerm(terms[-1].text, prefix=True)
    return terms


def phrase_tokens(text):
    """A quoted phrase: the same words as a document, in order, no prefixes."""
    tokens = []
    for run in _runs(text):
        if run.han:
            tokens.extend(_han_words(run.text))
        elif (token := _english(run.text, stemmed=True)) is not None:
            tokens.append(token)
    return tokens


def space_han_words(text):
    """The text with spaces between the words of its Han runs, for the
    engines: a query's bigrams then never span two words (利雅得对接会 →
    利雅得 对接会: no 得对), while documents keep their own bigrams."""
    pieces = []
    for chunk in _split_han(text or ""):
        if HAN_RUN.fullmatch(chunk):
            pieces.append(" " + " ".join(word for word in segmenter().cut(chunk, HMM=True) if word.strip()) + " ")
        else:
            pieces.append(chunk)
    return " ".join("".join(pieces).split())
