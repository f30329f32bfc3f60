// Reading manifests the way kubectl v1.32 does (see yaml.h for the typing rules).
//
// Map of this file:
//   1. split_documents   — k8s.io/apimachinery YAMLReader: `---` lines, "invalid Yaml
//                          document separator"
//   2. prescan           — the scanner errors learners meet most (tabs, unclosed quotes,
//                          bad escapes) found the way libyaml's scanner finds them, with
//                          go-yaml's words; yaml-cpp is more lenient or words them apart
//   3. Builder           — yaml-cpp events → Json with go-yaml v2's typing, anchors,
//                          aliases and `<<` merge keys, sigs.k8s.io/yaml's key rules
//   4. error mapping     — yaml-cpp's ParserException → "yaml: line N: <libyaml text>"
//   5. parse_yaml_documents
//
// go-yaml reports scanner errors with the 1-based line of the problem, parser errors
// with the 0-based one (decode.go's fail()), and no line at all when that number is 0;
// both the prescan and the mapping of yaml-cpp's errors follow that.
#include "core/api/yaml.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cmath>
#include <map>
#include <optional>
#include <sstream>

#include "core/api/json_syntax.h"
#include "core/api/yaml_scalar.h"

namespace kt::api {
namespace {

using yaml_detail::Resolved;

const char* const kConvertPrefix = "error converting YAML to JSON: ";

// An error as go-yaml words it: problem text plus where.
struct GoYamlError {
  std::string problem;
  int line0 = 0;         // 0-based line of the problem mark
  bool scanner = false;  // scanner errors print line0+1, parser errors line0
  bool has_line = true;
};

std::string go_yaml_message(const GoYamlError& e) {
  std::string where;
  if (e.has_line) {
    int line = e.scanner ? (e.line0 != 0 ? e.line0 + 1 : 0) : e.line0;
    if (line != 0) where = "line " + std::to_string(line) + ": ";
  }
  return std::string(kConvertPrefix) + "yaml: " + where + e.problem;
}

// ---- 1. documents -------------------------------------------------------------------

struct Chunk {
  std::string text;
};

// YAMLReader.Read: a line beginning with "---" ends the current document; only blanks
// and a comment may follow the dashes. Returns the chunks and, if a separator line is
// malformed, the error text and how many chunks came before it.
std::vector<Chunk> split_documents(std::string_view text, std::string& error) {
  std::vector<Chunk> chunks;
  std::string buffer;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(pos, end - pos);
    pos = end;
    if (line.substr(0, 3) == "---") {
      std::string_view rest = line.substr(3);
      size_t a = rest.find_first_not_of(" \t\r\n\v\f");
      if (a != std::string_view::npos && rest[a] != '#') {
        size_t b = rest.find_last_not_of(" \t\r\n\v\f");
        error = "invalid Yaml document separator: " + std::string(rest.substr(a, b - a + 1));
        return chunks;
      }
      if (!buffer.empty()) {
        chunks.push_back({buffer});
        buffer.clear();
      }
      continue;
    }
    buffer.append(line);
  }
  if (!buffer.empty()) chunks.push_back({buffer});
  return chunks;
}

// ---- 2. prescan ---------------------------------------------------------------------

bool is_break_char(char c) { return c == '\n' || c == '\r'; }
bool is_blank_char(char c) { return c == ' ' || c == '\t'; }

class Prescan {
 public:
  explicit Prescan(std::string_view s) : s_(s) {}

  std::optional<GoYamlError> run() {
    while (i_ < s_.size()) {
      if (auto e = line()) return e;
    }
    return std::nullopt;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
  int line_ = 0;  // 0-based line of s_[i_]
  int flow_ = 0;
  // A plain scalar ended the last content line: libyaml's plain-scalar scanner then
  // consumes the following line breaks and indentation itself, and rejects a tab that
  // stands left of the scalar's block indentation.
  bool plain_open_ = false;
  int plain_indent_ = -1;
  // Inside a block scalar (| or >): its parent indentation and, once known, its own.
  bool block_ = false;
  int block_parent_ = -1;
  int block_indent_ = 0;

  char at(size_t k) const { return k < s_.size() ? s_[k] : '\0'; }
  bool eol(size_t k) const { return k >= s_.size() || is_break_char(s_[k]); }

  void next_line() {
    while (i_ < s_.size() && !is_break_char(s_[i_])) ++i_;
    if (i_ < s_.size()) {
      if (s_[i_] == '\r' && at(i_ + 1) == '\n') ++i_;
      ++i_;
      ++line_;
    }
  }

  GoYamlError scanner_error(std::string problem, int line0) { return {std::move(problem), line0, true, true}; }

  std::optional<GoYamlError> line() {
    size_t start = i_;
    while (at(i_) == ' ') ++i_;
    int col = static_cast<int>(i_ - start);

    if (block_) {
      int limit = block_indent_ == 0 ? -1 : block_indent_;
      if (eol(i_)) {
        next_line();
        return std::nullopt;
      }
      if (at(i_) == '\t' && (limit < 0 || col < limit))
        return scanner_error("found a tab character where an indentation space is expected", line_);
      if (block_indent_ == 0) block_indent_ = std::max(col, block_parent_ + 1);
      if (col >= block_indent_) {
        next_line();
        return std::nullopt;
      }
      block_ = false;
    }

    if (flow_ == 0) {
      if (at(i_) == '\t') {
        size_t k = i_;
        while (is_blank_char(at(k))) ++k;
        if (plain_open_ && col <= plain_indent_)
          return scanner_error("found a tab character that violates indentation", line_);
        if (!plain_open_ || !eol(k))
          return scanner_error("found character that cannot start any token", line_);
      }
      if (eol(i_)) {
        next_line();
        return std::nullopt;
      }
      if (at(i_) == '#') {
        plain_open_ = false;
        next_line();
        return std::nullopt;
      }
      // A more indented line after a plain scalar continues it (multi-line plain).
      if (plain_open_ && col > plain_indent_ && !is_indicator_start(i_)) {
        skip_plain_rest();
        return std::nullopt;
      }
      if (at(i_) == '%' && col == 0) {
        next_line();
        return std::nullopt;
      }
      if (s_.substr(i_, 3) == "..." && (eol(i_ + 3) || is_blank_char(at(i_ + 3)))) {
        plain_open_ = false;
        next_line();
        return std::nullopt;
      }
    }
    plain_open_ = false;
    return tokens(col);
  }

  bool is_indicator_start(size_t k) const {
    char c = at(k);
    return (c == '-' || c == '?' || c == ':') && (eol(k + 1) || is_blank_char(at(k + 1)));
  }

  void skip_plain_rest() {
    // Up to a comment or the end of the line; the scalar stays open.
    while (!eol(i_)) {
      if (at(i_) == '#' && i_ > 0 && is_blank_char(s_[i_ - 1])) break;
      ++i_;
    }
    next_line();
  }

  std::optional<GoYamlError> tokens(int line_indent) {
    int indent_hint = -1;  // column of the key or `-` the next value belongs to
    bool after_entry = false;
    size_t line_start = i_ - static_cast<size_t>(line_indent);
    while (true) {
      // Blanks between tokens. After `-` or `?` in block context a tab cannot be
      // skipped (simple keys are allowed there) and cannot start a token.
      while (is_blank_char(at(i_))) {
        if (at(i_) == '\t' && after_entry && flow_ == 0)
          return scanner_error("found character that cannot start any token", line_);
        ++i_;
      }
      after_entry = false;
      if (eol(i_)) {
        next_line();
        return std::nullopt;
      }
      int col = static_cast<int>(i_ - line_start);
      char c = at(i_);
      if (c == '#') {
        next_line();
        return std::nullopt;
      }
      if (c == '"' || c == '\'') {
        if (auto e = quoted(c)) return e;
        if (i_ >= s_.size()) return std::nullopt;
        line_start = current_line_start();
        continue;
      }
      if (c == '[' || c == '{') {
        ++flow_;
        ++i_;
        continue;
      }
      if (c == ']' || c == '}') {
        if (flow_ > 0) --flow_;
        ++i_;
        continue;
      }
      if (c == ',') {
        ++i_;
        continue;
      }
      if ((c == '-' || c == '?') && (eol(i_ + 1) || is_blank_char(at(i_ + 1)))) {
        if (flow_ == 0 && c == '-') indent_hint = col;
        after_entry = flow_ == 0;
        ++i_;
        continue;
      }
      if (c == ':' && (eol(i_ + 1) || is_blank_char(at(i_ + 1)) || flow_ > 0)) {
        ++i_;
        continue;
      }
      if ((c == '|' || c == '>') && flow_ == 0) {
        block_ = true;
        block_parent_ = indent_hint >= 0 ? indent_hint : line_indent - 1;
        block_indent_ = 0;
        ++i_;
        // Header: an indentation digit and/or a chomping indicator.
        for (int k = 0; k < 2; ++k) {
          char h = at(i_);
          if (h >= '1' && h <= '9') {
            block_indent_ = std::max(block_parent_, 0) + (h - '0');
            if (block_parent_ < 0) block_indent_ = h - '0';
            ++i_;
          } else if (h == '+' || h == '-') {
            ++i_;
          }
        }
        next_line();
        return std::nullopt;
      }
      if (c == '&' || c == '!' || c == '*') {
        while (!eol(i_) && !is_blank_char(at(i_)) &&
               !(flow_ > 0 && std::string_view(",[]{}").find(at(i_)) != std::string_view::npos))
          ++i_;
        continue;
      }
      if (c == '@' || c == '`') return scanner_error("found character that cannot start any token", line_);
      // A plain scalar: ends at ": ", " #", the end of the line, or a flow indicator.
      size_t st = i_;
      bool is_key = false;
      while (!eol(i_)) {
        char d = at(i_);
        if (d == ':' && (eol(i_ + 1) || is_blank_char(at(i_ + 1)) ||
                         (flow_ > 0 && std::string_view(",[]{}").find(at(i_ + 1)) != std::string_view::npos))) {
          is_key = true;
          break;
        }
        if (d == '#' && i_ > st && is_blank_char(s_[i_ - 1])) break;
        if (flow_ > 0 && std::string_view(",[]{}").find(d) != std::string_view::npos) break;
        ++i_;
      }
      if (is_key) {
        if (flow_ == 0) indent_hint = col;
        continue;
      }
      if (eol(i_) && flow_ == 0) {
        plain_open_ = true;
        plain_indent_ = indent_hint;
      }
    }
  }

  size_t current_line_start() const {
    size_t k = i_;
    while (k > 0 && !is_break_char(s_[k - 1])) --k;
    return k;
  }

  // A quoted scalar from its opening quote at i_; may span lines.
  std::optional<GoYamlError> quoted(char q) {
    ++i_;
    while (true) {
      if (i_ >= s_.size()) return scanner_error("found unexpected end of stream", line_);
      char c = s_[i_];
      if (is_break_char(c)) {
        next_line();
        // A document marker inside a quoted scalar ends it badly.
        std::string_view rest = s_.substr(i_);
        if ((rest.substr(0, 3) == "---" || rest.substr(0, 3) == "...") &&
            (rest.size() == 3 || is_blank_char(at(i_ + 3)) || is_break_char(at(i_ + 3))))
          return scanner_error("found unexpected document indicator", line_);
        continue;
      }
      if (q == '\'') {
        if (c == '\'') {
          if (at(i_ + 1) == '\'') {
            i_ += 2;
            continue;
          }
          ++i_;
          return std::nullopt;
        }
        ++i_;
        continue;
      }
      if (c == '"') {
        ++i_;
        return std::nullopt;
      }
      if (c == '\\') {
        char e = at(i_ + 1);
        if (is_break_char(e)) {
          ++i_;
          continue;
        }
        int hex = 0;
        switch (e) {
          case '0': case 'a': case 'b': case 't': case '\t': case 'n': case 'v': case 'f':
          case 'r': case 'e': case ' ': case '"': case '/': case '\\': case 'N': case '_':
          case 'L': case 'P':
            break;
          case 'x': hex = 2; break;
          case 'u': hex = 4; break;
          case 'U': hex = 8; break;
          default:
            return scanner_error("found unknown escape character", line_);
        }
        i_ += 2;
        for (int k = 0; k < hex; ++k, ++i_) {
          if (!std::isxdigit(static_cast<unsigned char>(at(i_))))
            return scanner_error("did not find expected hexdecimal number", line_);
        }
        continue;
      }
      ++i_;
    }
  }
};

// ---- 3. Builder ---------------------------------------------------------------------

struct ConvertError {
  std::string message;  // without the "error converting YAML to JSON: " prefix
};

class Builder : public YAML::EventHandler {
 public:
  std::optional<Json> result;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override { complete(Json(nullptr), anchor, false, false); }

  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    complete(it == anchors_.end() ? Json(nullptr) : it->second, 0, false, true);
  }

  void OnScalar(const YAML::Mark&, const std::string& tag, YAML::anchor_t anchor, const std::string& value) override {
    bool merge = false;
    Json v = scalar(tag, value, merge);
    complete(std::move(v), anchor, merge, false);
  }

  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    stack_.push_back(Frame{Json::array(), false, anchor, false, false, Json()});
  }
  void OnSequenceEnd() override { pop(); }

  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    stack_.push_back(Frame{Json::object(), true, anchor, false, false, Json()});
  }
  void OnMapEnd() override { pop(); }

 private:
  struct Frame {
    Json value;
    bool is_map;
    YAML::anchor_t anchor;
    bool has_key = false;
    bool key_is_merge = false;
    Json key;
  };
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Json> anchors_;

  static Json number_from_float(double f) {
    if (std::isnan(f) || std::isinf(f))
      throw ConvertError{"json: unsupported value: " + go_format_float(f, 'g')};
    // JSON carries the float as Go prints it; one without a fraction reads back as an
    // integer on the other side (kubectl's unstructured decoding, the API server).
    if (f == std::floor(f) && std::fabs(f) < 9.2e18) return Json(static_cast<int64_t>(f));
    return Json(f);
  }

  static bool is_tag(const std::string& tag, const char* name) {
    return tag == std::string("tag:yaml.org,2002:") + name || tag == std::string("!!") + name;
  }

  Json scalar(const std::string& tag, const std::string& value, bool& merge) {
    if (tag == "?") {
      if (value == "<<") {
        merge = true;
        return Json(value);
      }
      return typed(yaml_detail::resolve_plain(value), value);
    }
    if (tag == "!" || is_tag(tag, "str") || is_tag(tag, "binary")) return Json(value);
    if (is_tag(tag, "int") || is_tag(tag, "float") || is_tag(tag, "bool") || is_tag(tag, "null") ||
        is_tag(tag, "timestamp")) {
      Resolved r = yaml_detail::resolve_plain(value);
      const char* want = is_tag(tag, "int") ? "int" : is_tag(tag, "float") ? "float" : is_tag(tag, "bool") ? "bool"
                                                                                     : is_tag(tag, "null") ? "null"
                                                                                                           : "timestamp";
      bool ok = (r.kind == Resolved::Int || r.kind == Resolved::Uint) ? (std::string(want) == "int" || std::string(want) == "float")
                : r.kind == Resolved::Float ? std::string(want) == "float"
                : r.kind == Resolved::Bool  ? std::string(want) == "bool"
                : r.kind == Resolved::Null  ? std::string(want) == "null"
                : r.kind == Resolved::Timestamp ? std::string(want) == "timestamp"
                                                : false;
      if (!ok) {
        const char* got = r.kind == Resolved::Int || r.kind == Resolved::Uint ? "!!int"
                          : r.kind == Resolved::Float                         ? "!!float"
                          : r.kind == Resolved::Bool                          ? "!!bool"
                          : r.kind == Resolved::Null                          ? "!!null"
                          : r.kind == Resolved::Timestamp                     ? "!!timestamp"
                                                                              : "!!str";
        throw ConvertError{"yaml: cannot decode " + std::string(got) + " `" + value + "` as a !!" + want};
      }
      if (std::string(want) == "float" && r.kind == Resolved::Int) return number_from_float(static_cast<double>(r.i));
      return typed(r, value);
    }
    return Json(value);  // an application tag such as !foo: go-yaml keeps the text
  }

  static Json typed(const Resolved& r, const std::string& value) {
    switch (r.kind) {
      case Resolved::Null: return Json(nullptr);
      case Resolved::Bool: return Json(r.b);
      case Resolved::Int: return Json(r.i);
      case Resolved::Uint: return Json(r.u);
      case Resolved::Float: return number_from_float(r.f);
      case Resolved::Timestamp:  // decoded into interface{}, go-yaml v2 keeps the text
      case Resolved::Str: break;
    }
    return Json(value);
  }

  // sigs.k8s.io/yaml's convertToJSONableObject: map keys become strings.
  static std::string key_string(const Json& k) {
    if (k.is_string()) return k.get<std::string>();
    if (k.is_boolean()) return k.get<bool>() ? "true" : "false";
    if (k.is_number_integer() && !k.is_number_unsigned()) return std::to_string(k.get<int64_t>());
    if (k.is_number_float()) return yaml_detail::go_format_float32_g(k.get<double>());
    if (k.is_number_unsigned()) {
      throw ConvertError{"unsupported map key of type: uint64, key: 0x" + [&] {
        std::ostringstream o;
        o << std::hex << k.get<uint64_t>();
        return o.str();
      }() + ", value: ..."};
    }
    if (k.is_null()) throw ConvertError{"unsupported map key of type: %!s(<nil>), key: <nil>, value: ..."};
    throw ConvertError{"unsupported map key of type: " + std::string(k.is_array() ? "[]interface {}" : "map[interface {}]interface {}") +
                       ", key: ..., value: ..."};
  }

  static void merge_into(Json& target, const Json& src) {
    if (src.is_object()) {
      for (auto it = src.begin(); it != src.end(); ++it) target[it.key()] = it.value();
      return;
    }
    if (src.is_array()) {
      // Earlier maps win: apply from the last one back.
      for (auto it = src.rbegin(); it != src.rend(); ++it) {
        if (!it->is_object()) throw ConvertError{"yaml: map merge requires map or sequence of maps as the value"};
        for (auto jt = it->begin(); jt != it->end(); ++jt) target[jt.key()] = jt.value();
      }
      return;
    }
    throw ConvertError{"yaml: map merge requires map or sequence of maps as the value"};
  }

  void complete(Json v, YAML::anchor_t anchor, bool merge_key, bool /*alias*/) {
    if (anchor != 0) anchors_[anchor] = v;
    if (stack_.empty()) {
      result = std::move(v);
      return;
    }
    Frame& f = stack_.back();
    if (!f.is_map) {
      f.value.push_back(std::move(v));
      return;
    }
    if (!f.has_key) {
      f.has_key = true;
      f.key_is_merge = merge_key;
      f.key = std::move(v);
      return;
    }
    f.has_key = false;
    if (f.key_is_merge) {
      merge_into(f.value, v);
      return;
    }
    f.value[key_string(f.key)] = std::move(v);  // a repeated key: the last one wins
  }

  void pop() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    complete(std::move(f.value), f.anchor, false, false);
  }
};

// ---- 4. error mapping ---------------------------------------------------------------

std::string alias_name_at(std::string_view text, const YAML::Mark& mark) {
  if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text.size()) return "";
  size_t k = static_cast<size_t>(mark.pos);
  if (text[k] == '*') ++k;
  size_t st = k;
  while (k < text.size() && !std::isspace(static_cast<unsigned char>(text[k])) &&
         std::string_view(",[]{}").find(text[k]) == std::string_view::npos)
    ++k;
  return std::string(text.substr(st, k - st));
}

// The block collections libyaml's scanner holds open when it reaches line `line0`
// (its indentation stack), rebuilt from the text: keys open mappings, dashes open
// sequences, except a dash in a mapping's own column (an "indentless" sequence, which
// libyaml does not stack). Good enough to tell which collection a parser error is in.
struct OpenCollection {
  int indent;
  bool is_map;
};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      lines.push_back(text.substr(pos));
      break;
    }
    std::string_view l = text.substr(pos, nl - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    pos = nl + 1;
  }
  return lines;
}

// Where the key of a "key: value" starting at `from` ends (the ':'), or npos.
size_t key_colon(std::string_view l, size_t from) {
  if (from >= l.size()) return std::string_view::npos;
  size_t i = from;
  char q = l[i];
  if (q == '"' || q == '\'') {
    ++i;
    while (i < l.size() && l[i] != q) i += (q == '"' && l[i] == '\\') ? 2 : 1;
    ++i;
    while (i < l.size() && l[i] == ' ') ++i;
    return (i < l.size() && l[i] == ':' && (i + 1 == l.size() || l[i + 1] == ' ')) ? i : std::string_view::npos;
  }
  if (std::string_view("[{#&*!|>'%@`").find(q) != std::string_view::npos) return std::string_view::npos;
  for (; i < l.size(); ++i) {
    if (l[i] == '#' && i > from && l[i - 1] == ' ') return std::string_view::npos;
    if (l[i] == ':' && (i + 1 == l.size() || l[i + 1] == ' ' || l[i + 1] == '\t')) return i;
  }
  return std::string_view::npos;
}

std::vector<OpenCollection> open_collections(const std::vector<std::string_view>& lines, int line0) {
  std::vector<OpenCollection> stack;
  auto open = [&](int col, bool is_map) {
    while (!stack.empty() && stack.back().indent > col) stack.pop_back();
    if (stack.empty() || stack.back().indent < col) stack.push_back({col, is_map});
  };
  int block_scalar_parent = -2;  // inside a | or > scalar while lines are deeper than this
  for (int n = 0; n < line0 && n < static_cast<int>(lines.size()); ++n) {
    std::string_view l = lines[static_cast<size_t>(n)];
    size_t c = l.find_first_not_of(' ');
    if (c == std::string_view::npos || l[c] == '#') continue;
    if (block_scalar_parent >= -1) {
      if (static_cast<int>(c) > block_scalar_parent) continue;
      block_scalar_parent = -2;
    }
    int last_col = static_cast<int>(c);
    while (c < l.size()) {
      if (l[c] == '-' && (c + 1 == l.size() || l[c + 1] == ' ')) {
        open(static_cast<int>(c), false);
        last_col = static_cast<int>(c);
        c = l.find_first_not_of(' ', c + 1);
        if (c == std::string_view::npos) break;
        continue;
      }
      size_t colon = key_colon(l, c);
      if (colon != std::string_view::npos) {
        open(static_cast<int>(c), true);
        last_col = static_cast<int>(c);
        size_t v = l.find_first_not_of(' ', colon + 1);
        if (v != std::string_view::npos && (l[v] == '|' || l[v] == '>')) block_scalar_parent = last_col;
      } else if (l[c] == '|' || l[c] == '>') {
        block_scalar_parent = last_col;
      }
      break;
    }
  }
  return stack;
}

GoYamlError map_yaml_cpp_error(const YAML::ParserException& e, std::string_view text) {
  const std::string& m = e.msg;
  int line = e.mark.line;
  if (m == YAML::ErrorMsg::END_OF_MAP || m == YAML::ErrorMsg::END_OF_SEQ || m == YAML::ErrorMsg::MAP_VALUE) {
    auto lines = split_lines(text);
    if (line >= 0 && line < static_cast<int>(lines.size())) {
      std::string_view l = lines[static_cast<size_t>(line)];
      size_t c = l.find_first_not_of(' ');
      auto stack = open_collections(lines, line);
      int col = c == std::string_view::npos ? 0 : static_cast<int>(c);
      while (!stack.empty() && stack.back().indent > col) stack.pop_back();
      if (m == YAML::ErrorMsg::MAP_VALUE) {
        // A plain scalar without ':' where a key was required: libyaml gives up on that
        // simple key when the next line starts ("could not find expected ':'").
        int prev = line - 1;
        while (prev >= 0) {
          std::string_view p = lines[static_cast<size_t>(prev)];
          size_t pc = p.find_first_not_of(' ');
          if (pc != std::string_view::npos && p[pc] != '#') break;
          --prev;
        }
        if (prev >= 0 && static_cast<int>(c) == col) {
          std::string_view p = lines[static_cast<size_t>(prev)];
          size_t pc = p.find_first_not_of(' ');
          auto pstack = open_collections(lines, prev);
          while (!pstack.empty() && pstack.back().indent > static_cast<int>(pc)) pstack.pop_back();
          bool required = !pstack.empty() && pstack.back().is_map && pstack.back().indent == static_cast<int>(pc);
          bool plain = std::string_view("-?:[{#&*!|>'\"%@`").find(p[pc]) == std::string_view::npos;
          if (required && plain && key_colon(p, pc) == std::string_view::npos)
            return {"could not find expected ':'", line, true};
        }
      } else if (c != std::string_view::npos && static_cast<int>(c) == e.mark.column && !stack.empty()) {
        bool dash = l[c] == '-' && (c + 1 == l.size() || l[c + 1] == ' ');
        if (stack.back().is_map) return {"did not find expected key", line, false};
        if (!dash) return {"did not find expected '-' indicator", line, false};
      }
    }
  }
  auto starts = [&](const char* p) { return m.rfind(p, 0) == 0; };
  using namespace YAML::ErrorMsg;
  if (m == MAP_VALUE) return {"mapping values are not allowed in this context", line, true};
  if (m == MAP_KEY) return {"mapping keys are not allowed in this context", line, true};
  if (m == BLOCK_ENTRY) return {"block sequence entries are not allowed in this context", line, true};
  if (m == END_OF_MAP) return {"did not find expected key", line, false};
  if (m == END_OF_SEQ) return {"did not find expected '-' indicator", line, false};
  if (m == END_OF_SEQ_FLOW) return {"did not find expected ',' or ']'", line, false};
  if (m == END_OF_MAP_FLOW) return {"did not find expected ',' or '}'", line, false};
  if (m == FLOW_END) return {"did not find expected node content", line, false};
  if (starts(INVALID_ESCAPE)) return {"found unknown escape character", line, true};
  if (m == INVALID_HEX) return {"did not find expected hexdecimal number", line, true};
  if (m == UNKNOWN_TOKEN) return {"found character that cannot start any token", line, true};
  if (m == TAB_IN_INDENTATION) return {"found a tab character that violates indentation", line, true};
  if (m == CHAR_IN_BLOCK) return {"did not find expected comment or line break", line, true};
  if (m == DOC_IN_SCALAR) return {"found unexpected document indicator", line, true};
  if (m == EOF_IN_SCALAR) return {"found unexpected end of stream", line, true};
  if (m == ZERO_INDENT_IN_BLOCK) return {"found an indentation indicator equal to 0", line, true};
  if (m == UNKNOWN_ANCHOR) return {"unknown anchor '" + alias_name_at(text, e.mark) + "' referenced", 0, false, false};
  if (m == ALIAS_NOT_FOUND || m == ANCHOR_NOT_FOUND || starts("illegal character found while scanning"))
    return {"did not find expected alphabetic or numeric character", line, true};
  if (m == MULTIPLE_ANCHORS || m == MULTIPLE_TAGS || m == MULTIPLE_ALIASES)
    return {"did not find expected key", line, false};
  return {m, line, true};
}

}  // namespace

// ---- 5. parse_yaml_documents --------------------------------------------------------

// `s` with each byte that does not belong to a well-formed UTF-8 sequence replaced by
// U+FFFD, as Go's decoders read them.
static std::string valid_utf8(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 && c >= 0xc2 ? 2 : (c & 0xf0) == 0xe0 ? 3
                                 : (c & 0xf8) == 0xf0 && c <= 0xf4 ? 4 : 0;
    bool ok = len > 0 && i + static_cast<std::size_t>(len) <= s.size();
    for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
    if (ok && len == 3) {  // no overlong forms, no surrogates
      const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);
    }
    if (ok && len == 4) {
      const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
    }
    if (!ok) {
      out += "\xef\xbf\xbd";
      ++i;
      continue;
    }
    out.append(s, i, static_cast<std::size_t>(len));
    i += static_cast<std::size_t>(len);
  }
  return out;
}

std::vector<Json> parse_yaml_documents(std::string_view text) {
  std::vector<Json> out;

  // kubectl reads a stream that starts with '{' as JSON objects, one after another.
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') {
    std::string rest(text.substr(first));
    size_t pos = 0;
    int doc = 0;
    while (pos < rest.size()) {
      size_t k = rest.find_first_not_of(" \t\r\n", pos);
      if (k == std::string::npos) break;
      // Find the end of this value by parsing progressively larger prefixes would be
      // quadratic; nlohmann can parse from an iterator pair and tells where it stopped
      // only on error, so track braces instead (strings skipped).
      int depth = 0;
      bool in_str = false;
      size_t e = k;
      for (; e < rest.size(); ++e) {
        char c = rest[e];
        if (in_str) {
          if (c == '\\') ++e;
          else if (c == '"') in_str = false;
          continue;
        }
        if (c == '"') in_str = true;
        else if (c == '{' || c == '[') ++depth;
        else if (c == '}' || c == ']') {
          if (--depth == 0) {
            ++e;
            break;
          }
        }
      }
      try {
        Json v = Json::parse(rest.begin() + static_cast<std::ptrdiff_t>(k), rest.begin() + static_cast<std::ptrdiff_t>(e));
        if (!v.is_null()) out.push_back(std::move(v));
      } catch (const Json::parse_error& pe) {
        // Go's scanner words the error (and counts the offset from the stream's start).
        std::string msg = go_json_syntax_error(text, first + k);
        if (msg.empty()) {
          // Well-formed for Go, which reads invalid UTF-8 in strings as U+FFFD.
          try {
            Json v = Json::parse(valid_utf8(rest.substr(k, e - k)));
            if (!v.is_null()) out.push_back(std::move(v));
            pos = e;
            ++doc;
            continue;
          } catch (const Json::exception&) {
            msg = "json: cannot unmarshal the document";
          }
        }
        throw YamlError(msg, doc, out);
      }
      pos = e;
      ++doc;
    }
    return out;
  }

  std::string sep_error;
  std::vector<Chunk> chunks = split_documents(text, sep_error);
  for (size_t d = 0; d < chunks.size(); ++d) {
    const Chunk& chunk = chunks[d];
    if (auto pe = Prescan(chunk.text).run()) throw YamlError(go_yaml_message(*pe), static_cast<int>(d), out);
    // kubectl reads bytes that are not UTF-8 (and JSON then carries them as U+FFFD).
    std::istringstream in(valid_utf8(chunk.text));
    YAML::Parser parser(in);
    Builder builder;
    try {
      // go-yaml's Unmarshal reads the first document of the chunk only.
      parser.HandleNextDocument(builder);
    } catch (const YAML::ParserException& e) {
      throw YamlError(go_yaml_message(map_yaml_cpp_error(e, chunk.text)), static_cast<int>(d), out);
    } catch (const ConvertError& e) {
      throw YamlError(kConvertPrefix + e.message, static_cast<int>(d), out);
    }
    if (builder.result && !builder.result->is_null()) out.push_back(std::move(*builder.result));
  }
  if (!sep_error.empty()) throw YamlError(sep_error, static_cast<int>(chunks.size()), out);
  return out;
}

}  // namespace kt::api
