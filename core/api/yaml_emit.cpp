// Writing objects as `kubectl get -o yaml` and `-o json` print them.
//
// kubectl's YAML printer is sigs.k8s.io/yaml.Marshal: encoding/json first, then the JSON
// is read back by go-yaml v2 and written by its emitter (a port of libyaml's). So:
//   * numbers print as go-yaml sees the JSON text: integers as integers, a float that
//     JSON writes without a fraction (1000.0 → "1000") as an integer, other floats in
//     strconv's 'g' form (1.2345675e+06);
//   * strings pass through encoding/json's UTF-8 repair (bad bytes become U+FFFD);
//   * map keys are ordered by go-yaml's keyList (letters after other characters, runs of
//     digits compared by value: a9 < a10);
//   * the scalar style is chosen like go-yaml's encoder (stringv) and libyaml's emitter
//     (analyze_scalar / select_scalar_style), including the 80-column folding.
//
// Map of this file:
//   1. UTF-8 and character classes (libyaml's is_printable, is_break, ...)
//   2. key order (go-yaml sorter.go)
//   3. Emitter: a recursive rendition of libyaml's emitter state machine for the
//      block style go-yaml v2 uses (indentless sequences under keys, flow only for
//      empty collections)
//   4. to_json_pretty (encoding/json MarshalIndent with four spaces)
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/api/yaml.h"
#include "core/api/yaml_scalar.h"

namespace kt::api {
namespace {

// ---- 1. characters ------------------------------------------------------------------

int width(unsigned char b) {
  if ((b & 0x80) == 0x00) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 0;
}

// encoding/json writes each invalid UTF-8 byte as U+FFFD.
std::string valid_utf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int w = width(c);
    bool ok = w > 0 && i + static_cast<size_t>(w) <= s.size();
    uint32_t cp = 0;
    if (ok && w == 1) cp = c;
    if (ok && w > 1) {
      cp = c & (0xFF >> (w + 1));
      for (int k = 1; k < w; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
        if ((cc & 0xC0) != 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (ok) {
        static const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[w] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) ok = false;
      }
    }
    if (ok) {
      out.append(s, i, static_cast<size_t>(w));
      i += static_cast<size_t>(w);
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

struct Bytes {
  const std::string& s;
  unsigned char at(size_t i) const { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; }
  bool is_space(size_t i) const { return at(i) == ' '; }
  bool is_tab(size_t i) const { return at(i) == '\t'; }
  bool is_blank(size_t i) const { return is_space(i) || is_tab(i); }
  bool is_break(size_t i) const {
    unsigned char c = at(i);
    return c == '\r' || c == '\n' || (c == 0xC2 && at(i + 1) == 0x85) ||
           (c == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) == 0xA8 || at(i + 2) == 0xA9));
  }
  bool is_blankz(size_t i) const { return is_blank(i) || is_break(i) || i >= s.size(); }
  bool is_bom(size_t i) const { return at(i) == 0xEF && at(i + 1) == 0xBB && at(i + 2) == 0xBF; }
  bool is_printable(size_t i) const {
    unsigned char b = at(i), b1 = at(i + 1), b2 = at(i + 2);
    return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) || (b > 0xC2 && b < 0xED) ||
           (b == 0xED && b1 < 0xA0) || b == 0xEE ||
           (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
  }
};

// ---- 2. key order -------------------------------------------------------------------

std::vector<uint32_t> runes(const std::string& s) {
  std::vector<uint32_t> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int w = width(c);
    if (w <= 1) {
      out.push_back(c);
      ++i;
      continue;
    }
    uint32_t cp = c & (0xFF >> (w + 1));
    for (int k = 1; k < w && i + static_cast<size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    out.push_back(cp);
    i += static_cast<size_t>(w);
  }
  return out;
}

// unicode.IsLetter for the scripts keys are written in (ASCII exactly).
bool is_letter(uint32_t r) {
  if ((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) return true;
  if (r < 0x80) return false;
  if (r == 0xAA || r == 0xB5 || r == 0xBA) return true;
  if (r >= 0xC0 && r <= 0x24F) return r != 0xD7 && r != 0xF7;
  if (r >= 0x370 && r <= 0x3FF) return r != 0x375 && r != 0x37E && r != 0x384 && r != 0x385 && r != 0x387;
  if (r >= 0x400 && r <= 0x481) return true;
  if (r >= 0x48A && r <= 0x52F) return true;
  if (r >= 0x3041 && r <= 0x3096) return true;
  if (r >= 0x30A1 && r <= 0x30FA) return true;
  if (r >= 0x4E00 && r <= 0x9FFF) return true;
  if (r >= 0xAC00 && r <= 0xD7A3) return true;
  return false;
}
bool is_digit_rune(uint32_t r) { return r >= '0' && r <= '9'; }

// go-yaml v2 keyList.Less for two string keys.
bool key_less(const std::string& a, const std::string& b) {
  std::vector<uint32_t> ar = runes(a), br = runes(b);
  for (size_t i = 0; i < ar.size() && i < br.size(); ++i) {
    if (ar[i] == br[i]) continue;
    bool al = is_letter(ar[i]), bl = is_letter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    int64_t an = 0, bn = 0;
    if (ar[i] == '0' || br[i] == '0') {
      for (size_t j = i; j-- > 0 && is_digit_rune(ar[j]);) {
        if (ar[j] != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    size_t ai = i, bi = i;
    for (; ai < ar.size() && is_digit_rune(ar[ai]); ++ai) an = an * 10 + static_cast<int64_t>(ar[ai] - '0');
    for (; bi < br.size() && is_digit_rune(br[bi]); ++bi) bn = bn * 10 + static_cast<int64_t>(br[bi] - '0');
    if (an != bn) return an < bn;
    if (ai != bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.size() < br.size();
}

// ---- numbers as go-yaml re-reads encoding/json's text -------------------------------

// kubectl decodes JSON integers that do not fit int64 as float64.
bool as_go_float(const Json& v, double& f) {
  if (v.is_number_float()) {
    f = v.get<double>();
    return true;
  }
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    f = static_cast<double>(v.get<uint64_t>());
    return true;
  }
  return false;
}

std::string integer_text(const Json& v) {
  if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
  return std::to_string(v.get<int64_t>());
}

std::string yaml_number(const Json& v) {
  double f;
  if (!as_go_float(v, f)) return integer_text(v);
  std::string json = go_json_float(f);
  yaml_detail::Resolved r = yaml_detail::resolve_plain(json);
  if (r.kind == yaml_detail::Resolved::Int) return std::to_string(r.i);
  if (r.kind == yaml_detail::Resolved::Uint) return std::to_string(r.u);
  return go_format_float(r.kind == yaml_detail::Resolved::Float ? r.f : f, 'g');
}

// ---- 3. emitter ---------------------------------------------------------------------

enum class Style { Plain, Single, Double, Literal };

struct Analysis {
  bool multiline = false;
  bool flow_plain_allowed = false;
  bool block_plain_allowed = false;
  bool single_quoted_allowed = false;
  bool block_allowed = false;
};

Analysis analyze_scalar(const std::string& value) {
  Analysis a;
  if (value.empty()) {
    a.block_plain_allowed = true;
    a.single_quoted_allowed = true;
    return a;
  }
  Bytes v{value};
  bool block_indicators = false, flow_indicators = false, line_breaks = false, special_characters = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
  bool break_space = false, space_break = false;
  bool preceded_by_whitespace = true, previous_space = false, previous_break = false;

  if (value.size() >= 3 && (value.compare(0, 3, "---") == 0 || value.compare(0, 3, "...") == 0)) {
    block_indicators = true;
    flow_indicators = true;
  }
  size_t n = value.size();
  for (size_t i = 0, w = 0; i < n; i += w) {
    w = static_cast<size_t>(width(v.at(i)));
    if (w == 0) w = 1;
    bool followed_by_whitespace = i + w >= n || v.is_blank(i + w);
    char c = value[i];
    if (i == 0) {
      switch (c) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
        case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
          flow_indicators = true;
          block_indicators = true;
          break;
        case '?': case ':':
          flow_indicators = true;
          if (followed_by_whitespace) block_indicators = true;
          break;
        case '-':
          if (followed_by_whitespace) {
            flow_indicators = true;
            block_indicators = true;
          }
          break;
        default: break;
      }
    } else {
      switch (c) {
        case ',': case '?': case '[': case ']': case '{': case '}':
          flow_indicators = true;
          break;
        case ':':
          flow_indicators = true;
          if (followed_by_whitespace) block_indicators = true;
          break;
        case '#':
          if (preceded_by_whitespace) {
            flow_indicators = true;
            block_indicators = true;
          }
          break;
        default: break;
      }
    }
    if (!v.is_printable(i)) special_characters = true;  // the emitter runs with unicode on
    if (v.is_space(i)) {
      if (i == 0) leading_space = true;
      if (i + w == n) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (v.is_break(i)) {
      line_breaks = true;
      if (i == 0) leading_break = true;
      if (i + w == n) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = false;
      previous_break = false;
    }
    preceded_by_whitespace = v.is_blankz(i);
  }
  a.multiline = line_breaks;
  a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = a.block_allowed = true;
  if (leading_space || leading_break || trailing_space || trailing_break)
    a.flow_plain_allowed = a.block_plain_allowed = false;
  if (trailing_space) a.block_allowed = false;
  if (break_space) a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = false;
  if (space_break || special_characters)
    a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = a.block_allowed = false;
  if (line_breaks) a.flow_plain_allowed = a.block_plain_allowed = false;
  if (flow_indicators) a.flow_plain_allowed = false;
  if (block_indicators) a.block_plain_allowed = false;
  return a;
}

// go-yaml's encoder (stringv): which style it asks the emitter for.
Style requested_string_style(const std::string& s) {
  bool can_use_plain = yaml_detail::resolve_plain(s).kind == yaml_detail::Resolved::Str && !yaml_detail::is_base60_float(s);
  if (s.find('\n') != std::string::npos) return Style::Literal;
  return can_use_plain ? Style::Plain : Style::Double;
}

class Emitter {
 public:
  std::string out;

  void document(const Json& root) {
    node(root, /*root=*/true, false, false, false);
    write_indent();  // DOCUMENT-END (implicit)
  }

 private:
  static constexpr int kBestIndent = 2;
  static constexpr int kBestWidth = 80;

  int column_ = 0;
  int indent_ = -1;
  std::vector<int> indents_;
  bool whitespace_ = true;
  bool indention_ = true;
  int flow_level_ = 0;
  bool mapping_context_ = false;
  bool simple_key_context_ = false;

  void put(char c) {
    out += c;
    ++column_;
  }
  void put_break() {
    out += '\n';
    column_ = 0;
  }
  void write(const std::string& s, size_t& i) {
    size_t w = static_cast<size_t>(width(static_cast<unsigned char>(s[i])));
    if (w == 0) w = 1;
    out.append(s, i, w);
    ++column_;
    i += w;
  }
  void write_all(const std::string& s) {
    for (size_t i = 0; i < s.size();) write(s, i);
  }
  void write_break(const std::string& s, size_t& i) {
    if (s[i] == '\n') {
      put_break();
      ++i;
    } else {
      write(s, i);
      column_ = 0;
    }
  }
  void increase_indent(bool flow, bool indentless) {
    indents_.push_back(indent_);
    if (indent_ < 0) indent_ = flow ? kBestIndent : 0;
    else if (!indentless) indent_ += kBestIndent;
  }
  void pop_indent() {
    indent_ = indents_.back();
    indents_.pop_back();
  }
  void write_indent() {
    int indent = indent_ < 0 ? 0 : indent_;
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) put_break();
    while (column_ < indent) put(' ');
    whitespace_ = true;
    indention_ = true;
  }
  void write_indicator(const std::string& ind, bool need_whitespace, bool is_whitespace, bool is_indention) {
    if (need_whitespace && !whitespace_) put(' ');
    write_all(ind);
    whitespace_ = is_whitespace;
    indention_ = indention_ && is_indention;
  }

  void node(const Json& v, bool root, bool sequence, bool mapping, bool simple_key) {
    (void)root;
    (void)sequence;
    mapping_context_ = mapping;
    simple_key_context_ = simple_key;
    if (v.is_object()) {
      if (flow_level_ > 0 || v.empty()) flow_mapping(v);
      else block_mapping(v);
    } else if (v.is_array()) {
      if (flow_level_ > 0 || v.empty()) flow_sequence(v);
      else block_sequence(v);
    } else if (v.is_string()) {
      std::string s = valid_utf8(v.get<std::string>());
      scalar(s, requested_string_style(s));
    } else if (v.is_boolean()) {
      scalar(v.get<bool>() ? "true" : "false", Style::Plain);
    } else if (v.is_number()) {
      scalar(yaml_number(v), Style::Plain);
    } else {
      scalar("null", Style::Plain);
    }
  }

  void flow_sequence(const Json& v) {
    write_indicator("[", true, true, false);
    increase_indent(true, false);
    ++flow_level_;
    bool first = true;
    for (const auto& item : v) {
      if (!first) write_indicator(",", false, false, false);
      if (column_ > kBestWidth) write_indent();
      node(item, false, true, false, false);
      first = false;
    }
    --flow_level_;
    pop_indent();
    write_indicator("]", false, false, false);
  }

  void flow_mapping(const Json& v) {
    write_indicator("{", true, true, false);
    increase_indent(true, false);
    ++flow_level_;
    bool first = true;
    for (const auto& key : sorted_keys(v)) {
      if (!first) write_indicator(",", false, false, false);
      if (column_ > kBestWidth) write_indent();
      node(Json(key), false, false, true, true);
      write_indicator(":", false, false, false);
      node(v.at(key), false, false, true, false);
      first = false;
    }
    --flow_level_;
    pop_indent();
    write_indicator("}", false, false, false);
  }

  void block_sequence(const Json& v) {
    increase_indent(false, mapping_context_ && !indention_);
    for (const auto& item : v) {
      write_indent();
      write_indicator("-", true, false, true);
      node(item, false, true, false, false);
    }
    pop_indent();
  }

  static std::vector<std::string> sorted_keys(const Json& v) {
    std::vector<std::string> keys;
    for (auto it = v.begin(); it != v.end(); ++it) keys.push_back(it.key());
    std::stable_sort(keys.begin(), keys.end(), key_less);
    return keys;
  }

  void block_mapping(const Json& v) {
    increase_indent(false, false);
    for (const auto& key : sorted_keys(v)) {
      write_indent();
      std::string k = valid_utf8(key);
      Analysis a = analyze_scalar(k);
      bool simple = !a.multiline && k.size() <= 128;
      if (simple) {
        node(Json(k), false, false, true, true);
        write_indicator(":", false, false, false);
      } else {
        write_indicator("?", true, false, true);
        node(Json(k), false, false, true, false);
        write_indent();
        write_indicator(":", true, false, true);
      }
      node(v.at(key), false, false, true, false);
    }
    pop_indent();
  }

  void scalar(const std::string& value, Style style) {
    Analysis a = analyze_scalar(value);
    if (simple_key_context_ && a.multiline) style = Style::Double;
    if (style == Style::Plain) {
      if ((flow_level_ > 0 && !a.flow_plain_allowed) || (flow_level_ == 0 && !a.block_plain_allowed))
        style = Style::Single;
      if (value.empty() && (flow_level_ > 0 || simple_key_context_)) style = Style::Single;
    }
    if (style == Style::Single && !a.single_quoted_allowed) style = Style::Double;
    if (style == Style::Literal && (!a.block_allowed || flow_level_ > 0 || simple_key_context_)) style = Style::Double;

    increase_indent(true, false);
    bool allow_breaks = !simple_key_context_;
    switch (style) {
      case Style::Plain: write_plain(value, allow_breaks); break;
      case Style::Single: write_single(value, allow_breaks); break;
      case Style::Double: write_double(value, allow_breaks); break;
      case Style::Literal: write_literal(value); break;
    }
    pop_indent();
  }

  void write_plain(const std::string& value, bool allow_breaks) {
    Bytes v{value};
    if (!whitespace_) put(' ');
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < value.size();) {
      if (v.is_space(i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && !v.is_space(i + 1)) {
          write_indent();
          ++i;
        } else {
          write(value, i);
        }
        spaces = true;
      } else if (v.is_break(i)) {
        if (!breaks && value[i] == '\n') put_break();
        write_break(value, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) write_indent();
        write(value, i);
        indention_ = false;
        spaces = false;
        breaks = false;
      }
    }
    whitespace_ = false;
    indention_ = false;
  }

  void write_single(const std::string& value, bool allow_breaks) {
    Bytes v{value};
    write_indicator("'", true, false, false);
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < value.size();) {
      if (v.is_space(i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 && i < value.size() - 1 && !v.is_space(i + 1)) {
          write_indent();
          ++i;
        } else {
          write(value, i);
        }
        spaces = true;
      } else if (v.is_break(i)) {
        if (!breaks && value[i] == '\n') put_break();
        write_break(value, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) write_indent();
        if (value[i] == '\'') put('\'');
        write(value, i);
        indention_ = false;
        spaces = false;
        breaks = false;
      }
    }
    write_indicator("'", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  void write_double(const std::string& value, bool allow_breaks) {
    Bytes v{value};
    bool spaces = false;
    write_indicator("\"", true, false, false);
    for (size_t i = 0; i < value.size();) {
      if (!v.is_printable(i) || v.is_bom(i) || v.is_break(i) || value[i] == '"' || value[i] == '\\') {
        unsigned char octet = v.at(i);
        int w = 1;
        uint32_t cp = octet;
        if ((octet & 0x80) == 0x00) {
          w = 1;
          cp = octet & 0x7F;
        } else if ((octet & 0xE0) == 0xC0) {
          w = 2;
          cp = octet & 0x1F;
        } else if ((octet & 0xF0) == 0xE0) {
          w = 3;
          cp = octet & 0x0F;
        } else if ((octet & 0xF8) == 0xF0) {
          w = 4;
          cp = octet & 0x07;
        }
        for (int k = 1; k < w; ++k) cp = (cp << 6) + (v.at(i + static_cast<size_t>(k)) & 0x3F);
        i += static_cast<size_t>(w);
        put('\\');
        switch (cp) {
          case 0x00: put('0'); break;
          case 0x07: put('a'); break;
          case 0x08: put('b'); break;
          case 0x09: put('t'); break;
          case 0x0A: put('n'); break;
          case 0x0B: put('v'); break;
          case 0x0C: put('f'); break;
          case 0x0D: put('r'); break;
          case 0x1B: put('e'); break;
          case 0x22: put('"'); break;
          case 0x5C: put('\\'); break;
          case 0x85: put('N'); break;
          case 0xA0: put('_'); break;
          case 0x2028: put('L'); break;
          case 0x2029: put('P'); break;
          default: {
            int digits;
            if (cp <= 0xFF) {
              put('x');
              digits = 2;
            } else if (cp <= 0xFFFF) {
              put('u');
              digits = 4;
            } else {
              put('U');
              digits = 8;
            }
            for (int k = (digits - 1) * 4; k >= 0; k -= 4) {
              int d = static_cast<int>((cp >> k) & 0x0F);
              put(static_cast<char>(d < 10 ? '0' + d : 'A' + d - 10));
            }
          }
        }
        spaces = false;
      } else if (v.is_space(i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 && i < value.size() - 1) {
          write_indent();
          if (v.is_space(i + 1)) put('\\');
          ++i;
        } else {
          write(value, i);
        }
        spaces = true;
      } else {
        write(value, i);
        spaces = false;
      }
    }
    write_indicator("\"", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  void block_scalar_hints(const std::string& value) {
    Bytes v{value};
    if (v.is_space(0) || v.is_break(0)) write_indicator(std::string(1, static_cast<char>('0' + kBestIndent)), false, false, false);
    char chomp = 0;
    if (value.empty()) {
      chomp = '-';
    } else {
      size_t i = value.size() - 1;
      while (i > 0 && (v.at(i) & 0xC0) == 0x80) --i;
      if (!v.is_break(i)) {
        chomp = '-';
      } else if (i == 0) {
        chomp = '+';
      } else {
        --i;
        while (i > 0 && (v.at(i) & 0xC0) == 0x80) --i;
        if (v.is_break(i)) chomp = '+';
      }
    }
    if (chomp) write_indicator(std::string(1, chomp), false, false, false);
  }

  void write_literal(const std::string& value) {
    Bytes v{value};
    write_indicator("|", true, false, false);
    block_scalar_hints(value);
    put_break();
    indention_ = true;
    whitespace_ = true;
    bool breaks = true;
    for (size_t i = 0; i < value.size();) {
      if (v.is_break(i)) {
        write_break(value, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) write_indent();
        write(value, i);
        indention_ = false;
        breaks = false;
      }
    }
  }
};

// ---- 4. JSON --------------------------------------------------------------------------

void json_string(std::string& out, const std::string& raw) {
  static const char* hex = "0123456789abcdef";
  std::string s = valid_utf8(raw);
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '<': case '>': case '&':
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
        continue;
      default: break;
    }
    if (c < 0x20) {
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 0xF];
      continue;
    }
    // U+2028 and U+2029 are escaped for JavaScript's sake.
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  out += '"';
}

void json_value(std::string& out, const Json& v, int depth) {
  auto newline = [&](int d) {
    out += '\n';
    out.append(static_cast<size_t>(d) * 4, ' ');
  };
  if (v.is_object()) {
    if (v.empty()) {
      out += "{}";
      return;
    }
    out += '{';
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!first) out += ',';
      first = false;
      newline(depth + 1);
      json_string(out, it.key());
      out += ": ";
      json_value(out, it.value(), depth + 1);
    }
    newline(depth);
    out += '}';
  } else if (v.is_array()) {
    if (v.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    bool first = true;
    for (const auto& item : v) {
      if (!first) out += ',';
      first = false;
      newline(depth + 1);
      json_value(out, item, depth + 1);
    }
    newline(depth);
    out += ']';
  } else if (v.is_string()) {
    json_string(out, v.get<std::string>());
  } else if (v.is_boolean()) {
    out += v.get<bool>() ? "true" : "false";
  } else if (v.is_number()) {
    double f;
    out += as_go_float(v, f) ? go_json_float(f) : integer_text(v);
  } else {
    out += "null";
  }
}

}  // namespace

std::string to_yaml(const Json& value) {
  Emitter e;
  e.document(value);
  return e.out;
}

std::string to_json_pretty(const Json& value) {
  std::string out;
  json_value(out, value, 0);
  out += '\n';
  return out;
}

}  // namespace kt::api
