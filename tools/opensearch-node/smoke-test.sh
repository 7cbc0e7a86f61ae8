#!/usr/bin/env bash
# Checks a running node (./opensearch-node.sh start) with the analyzers the project
# relies on: CJK bigrams for Chinese, plus Wagtail's ngram/edge_ngram/asciifolding.
# Creates and deletes the index "smoke-cjk". Exit 0 = all checks passed.
set -euo pipefail
P="http://127.0.0.1:${OPENSEARCH_PORT:-9201}"
IDX=smoke-cjk
J=(-s -H 'Content-Type: application/json')
fail() { echo "FAIL: $*" >&2; exit 1; }

curl -s -o /dev/null -XDELETE "$P/$IDX" || true
curl "${J[@]}" -XPUT "$P/$IDX" -d '{
  "settings": {
    "index": {"max_ngram_diff": 12},
    "analysis": {
      "analyzer": {
        "chinese_cjk": {"type": "custom", "tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
        "ngram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": ["asciifolding", "lowercase", "ngram"]},
        "edgengram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": ["asciifolding", "lowercase", "edgengram"]}
      },
      "tokenizer": {
        "ngram_tokenizer": {"type": "ngram", "min_gram": 3, "max_gram": 15},
        "edgengram_tokenizer": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15, "side": "front"}
      },
      "filter": {
        "ngram": {"type": "ngram", "min_gram": 3, "max_gram": 15},
        "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15}
      }
    }
  },
  "mappings": {"properties": {
    "title": {"type": "text", "analyzer": "chinese_cjk"},
    "title_edgengrams": {"type": "text", "analyzer": "edgengram_analyzer", "search_analyzer": "standard"}
  }}
}' | grep -q '"acknowledged":true' || fail "create index"

curl "${J[@]}" -XPUT "$P/$IDX/_doc/1" -d '{"title":"柬埔寨西港特区投资指南","title_edgengrams":"柬埔寨西港特区投资指南"}' >/dev/null
curl "${J[@]}" -XPUT "$P/$IDX/_doc/2?refresh=true" -d '{"title":"registration of a company","title_edgengrams":"Régistration of a company"}' >/dev/null

r="$(curl "${J[@]}" "$P/$IDX/_search" -d '{"query":{"match":{"title":"西港"}}}')"
echo "search 西港: $r"
echo "$r" | grep -q '"total":{"value":1,' && echo "$r" | grep -q '"_id":"1"' || fail "西港 did not match doc 1 only"

r="$(curl "${J[@]}" "$P/$IDX/_search" -d '{"query":{"match":{"title_edgengrams":"regis"}}}')"
echo "$r" | grep -q '"_id":"2"' || fail "edge_ngram+asciifolding autocomplete 'regis'"

r="$(curl "${J[@]}" "$P/$IDX/_analyze" -d '{"analyzer":"chinese_cjk","text":"柬埔寨西港特区投资指南 ＡＢＣ"}')"
echo "_analyze chinese_cjk: $(echo "$r" | grep -o '"token":"[^"]*"' | cut -d'"' -f4 | tr '\n' ' ')"
echo "$r" | grep -q '"token":"西港"' && echo "$r" | grep -q '"token":"abc"' || fail "cjk bigram / cjk_width tokens"

r="$(curl "${J[@]}" "$P/$IDX/_analyze" -d '{"analyzer":"ngram_analyzer","text":"Café"}')"
echo "_analyze ngram_analyzer: $(echo "$r" | grep -o '"token":"[^"]*"' | cut -d'"' -f4 | tr '\n' ' ')"
echo "$r" | grep -q '"token":"cafe"' || fail "ngram + asciifolding"

curl -s -o /dev/null -XDELETE "$P/$IDX"
echo "smoke: 5 passed, 0 failed"
