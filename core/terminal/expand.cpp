// Word expansion (see expand.h). Map:
//   1. the field builder: quoted text sticks together, unquoted results split
//   2. parameters, substitutions and arithmetic after a '$'
//   3. words, here-documents
//   4. globbing against the filesystem
//   5. brace expansion
#include "core/terminal/expand.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/terminal/syntax.h"
#include "core/terminal/vfs.h"

namespace kt::term {
namespace {

// ---- 1. fields ------------------------------------------------------------------
struct Fields {
  struct Field {
    std::string text;
    std::string pattern;  // text with quoted glob characters escaped
    bool glob = false;    // has an unquoted *, ? or [
  };
  bool split = true;
  std::vector<Field> done;
  Field cur;
  bool have = false;  // cur exists even if empty ("" or "$empty")

  void lit(char c, bool quoted) {
    cur.text += c;
    if (quoted && std::strchr("*?[]\\", c)) cur.pattern += '\\';
    cur.pattern += c;
    if (!quoted && std::strchr("*?[", c)) cur.glob = true;
    have = true;
  }
  void quoted(std::string_view s) {
    for (char c : s) lit(c, true);
    have = true;
  }
  // The result of an unquoted expansion: split on blanks and newlines.
  void unquoted(std::string_view s) {
    for (char c : s) {
      if (split && (c == ' ' || c == '\t' || c == '\n')) {
        if (have) finish();
      } else {
        lit(c, false);
      }
    }
  }
  void finish() {
    if (have) done.push_back(cur);
    cur = Field{};
    have = false;
  }
  // Ends the field even if empty and starts another ("$@" with "" among its items).
  void next_field() {
    done.push_back(cur);
    cur = Field{};
    have = true;
  }
};

// ---- 2. '$' -----------------------------------------------------------------------
std::string strip_trailing_newlines(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

bool name_char(char c, bool first) {
  return c == '_' || std::isalpha(static_cast<unsigned char>(c)) || (!first && std::isdigit(static_cast<unsigned char>(c)));
}

std::string value_of(ExpandEnv& env, const std::string& name) { return env.get(name).value_or(""); }

// ${name[i]}, ${name[@]}, ${#name[@]}: arrays; a scalar is an array of one.
std::optional<std::string> array_param(ExpandEnv& env, std::string_view inner) {
  const bool count = !inner.empty() && inner[0] == '#';
  if (count) inner.remove_prefix(1);
  auto open = inner.find('[');
  if (open == std::string_view::npos || inner.back() != ']') return std::nullopt;
  const std::string name(inner.substr(0, open));
  const std::string index(inner.substr(open + 1, inner.size() - open - 2));
  std::vector<std::string> values;
  if (const auto* a = env.array ? env.array(name) : nullptr) values = *a;
  else if (auto v = env.get(name)) values = {*v};
  if (index == "@" || index == "*") {
    if (count) return std::to_string(values.size());
    std::string joined;
    for (std::size_t i = 0; i < values.size(); ++i) joined += (i ? " " : "") + values[i];
    return joined;
  }
  const long i = static_cast<long>(eval_arith(env, index));
  const std::string v = i >= 0 && static_cast<std::size_t>(i) < values.size() ? values[static_cast<std::size_t>(i)] : "";
  return count ? std::to_string(v.size()) : v;
}

// ${name%pat} ${name%%pat} ${name#pat} ${name##pat} ${name/pat/rep} ${name//pat/rep}
// ${name:offset[:length]}: the value trimmed, replaced or cut; nullopt if not one.
std::optional<std::string> trim_param(ExpandEnv& env, std::string_view inner) {
  std::size_t n = 0;
  while (n < inner.size() && name_char(inner[n], n == 0)) ++n;
  if (n == 0 || n >= inner.size()) return std::nullopt;
  const std::string value = value_of(env, std::string(inner.substr(0, n)));
  std::string_view op = inner.substr(n);
  if (op[0] == '%' || op[0] == '#') {
    const bool longest = op.size() > 1 && op[1] == op[0];
    const std::string pat = expand_word(env, op.substr(longest ? 2 : 1));
    const std::size_t len = value.size();
    for (std::size_t k = 0; k <= len; ++k) {
      const std::size_t cut = longest ? len - k : k;  // try the longest or the shortest first
      if (op[0] == '#' && glob_match(pat, std::string_view(value).substr(0, cut))) return value.substr(cut);
      if (op[0] == '%' && glob_match(pat, std::string_view(value).substr(len - cut))) return value.substr(0, len - cut);
    }
    return value;
  }
  if (op[0] == '/') {
    const bool all = op.size() > 1 && op[1] == '/';
    std::string_view rest = op.substr(all ? 2 : 1);
    const auto slash = rest.find('/');
    const std::string pat = expand_word(env, rest.substr(0, slash));
    const std::string rep = slash == std::string_view::npos ? "" : expand_word(env, rest.substr(slash + 1));
    if (pat.empty()) return value;
    std::string out;
    std::size_t i = 0;
    while (i < value.size()) {
      std::size_t best = 0;  // the longest match at i
      for (std::size_t l = value.size() - i; l > 0; --l)
        if (glob_match(pat, std::string_view(value).substr(i, l))) {
          best = l;
          break;
        }
      if (best == 0) {
        out += value[i++];
        continue;
      }
      out += rep;
      i += best;
      if (!all) return out + value.substr(i);
    }
    return out;
  }
  if (op[0] == ':' && op.size() > 1 && op[1] != '-' && op[1] != '=' && op[1] != '+') {
    std::string_view spec = op.substr(1);
    const auto colon = spec.find(':');
    long long off = eval_arith(env, spec.substr(0, colon));
    const long long size = static_cast<long long>(value.size());
    if (off < 0) off = std::max(0LL, size + off);
    if (off > size) return std::string();
    long long len = colon == std::string_view::npos ? size - off : eval_arith(env, spec.substr(colon + 1));
    if (len < 0) len = std::max(0LL, size - off + len);
    return value.substr(static_cast<std::size_t>(off), static_cast<std::size_t>(len));
  }
  return std::nullopt;
}

// ${…}: name, #name, name:-word, name-word, name:=word, name:+word.
std::string brace_param(ExpandEnv& env, std::string_view inner) {
  if (auto a = array_param(env, inner)) return *a;
  if (auto t = trim_param(env, inner)) return *t;
  if (inner.size() > 1 && inner[0] == '#') return std::to_string(value_of(env, std::string(inner.substr(1))).size());
  std::size_t n = 0;
  if (!inner.empty() && std::strchr("?$#@*!-0123456789", inner[0]) && (inner.size() == 1 || !name_char(inner[0], true))) n = 1;
  else
    while (n < inner.size() && name_char(inner[n], n == 0)) ++n;
  const std::string name(inner.substr(0, n));
  std::string_view rest = inner.substr(n);
  if (name.empty() || (!rest.empty() && rest[0] != ':' && rest[0] != '-' && rest[0] != '=' && rest[0] != '+')) {
    env.error = "${" + std::string(inner) + "}: bad substitution";
    return "";
  }
  auto v = env.get(name);
  if (rest.empty()) return v.value_or("");
  const bool colon = rest[0] == ':';
  if (colon) rest.remove_prefix(1);
  if (rest.empty()) {
    env.error = "${" + std::string(inner) + "}: bad substitution";
    return "";
  }
  const char op = rest[0];
  const std::string word = expand_word(env, rest.substr(1));
  const bool unset = !v || (colon && v->empty());
  switch (op) {
    case '-': return unset ? word : *v;
    case '=':
      if (unset) env.set(name, word);
      return unset ? word : *v;
    case '+': return unset ? "" : word;
    default: env.error = "${" + std::string(inner) + "}: bad substitution"; return "";
  }
}

// At s[i] == '$': appends the expansion; returns the index after it.
std::size_t dollar(ExpandEnv& env, std::string_view s, std::size_t i, Fields& f, bool in_quotes) {
  auto emit = [&](const std::string& v) { in_quotes ? f.quoted(v) : f.unquoted(v); };
  if (i + 1 >= s.size()) {
    f.lit('$', in_quotes);
    return i + 1;
  }
  const char c = s[i + 1];
  // "$@" and "${name[@]}": one field per element, even inside double quotes.
  auto each_field = [&](const std::vector<std::string>& items) {
    for (std::size_t k = 0; k < items.size(); ++k) {
      if (k > 0) f.next_field();
      f.quoted(items[k]);
    }
  };
  if (in_quotes && f.split && env.array) {
    if (c == '@') {
      if (const auto* args = env.array("@")) each_field(*args);
      return i + 2;
    }
    if (c == '{') {
      const std::size_t end = substitution_end(s, i);
      if (end != std::string_view::npos && end >= i + 6 && s.substr(end - 4, 4) == "[@]}" && s[i + 2] != '#') {
        if (const auto* items = env.array(std::string(s.substr(i + 2, end - i - 6)))) each_field(*items);
        else f.quoted(brace_param(env, s.substr(i + 2, end - i - 3)));
        return end;
      }
    }
  }
  if (c == '(' || c == '{') {
    std::size_t end = substitution_end(s, i);
    if (end == std::string_view::npos) end = s.size();
    if (c == '(' && i + 2 < s.size() && s[i + 2] == '(' && end >= 4 && s.substr(end - 2, 2) == "))") {
      emit(std::to_string(eval_arith(env, s.substr(i + 3, end - i - 5))));
    } else if (c == '(') {
      emit(strip_trailing_newlines(env.run(std::string(s.substr(i + 2, end - i - 3)))));
    } else {
      emit(brace_param(env, s.substr(i + 2, end - i - 3)));
    }
    return end;
  }
  if (std::strchr("?$#!@*-0123456789", c)) {
    emit(value_of(env, std::string(1, c)));
    return i + 2;
  }
  if (name_char(c, true)) {
    std::size_t j = i + 1;
    while (j < s.size() && name_char(s[j], false)) ++j;
    emit(value_of(env, std::string(s.substr(i + 1, j - i - 1))));
    return j;
  }
  f.lit('$', in_quotes);
  return i + 1;
}

// At s[i] == '`': the command between the backquotes, with \$ \` \\ unescaped.
std::size_t backquote(ExpandEnv& env, std::string_view s, std::size_t i, Fields& f, bool in_quotes) {
  std::size_t end = substitution_end(s, i);
  if (end == std::string_view::npos) end = s.size();
  std::string cmd;
  for (std::size_t j = i + 1; j + 1 < end; ++j) {
    if (s[j] == '\\' && j + 2 < end && std::strchr("$`\\", s[j + 1])) ++j;
    cmd += s[j];
  }
  std::string out = strip_trailing_newlines(env.run(cmd));
  in_quotes ? f.quoted(out) : f.unquoted(out);
  return end;
}

// ---- 3. words ---------------------------------------------------------------------
// Inside "…" (or a here-document body, where '"' is ordinary): from i to the end.
std::size_t double_quoted(ExpandEnv& env, std::string_view s, std::size_t i, Fields& f, bool heredoc) {
  while (i < s.size()) {
    const char c = s[i];
    if (c == '"' && !heredoc) return i + 1;
    if (c == '\\' && i + 1 < s.size() && (std::strchr("$`\\\n", s[i + 1]) || (!heredoc && s[i + 1] == '"'))) {
      if (s[i + 1] != '\n') f.lit(s[i + 1], true);
      i += 2;
    } else if (c == '$') {
      i = dollar(env, s, i, f, true);
    } else if (c == '`') {
      i = backquote(env, s, i, f, true);
    } else {
      f.lit(c, true);
      ++i;
    }
  }
  return i;
}

void expand_into(ExpandEnv& env, std::string_view s, Fields& f) {
  std::size_t i = 0;
  if (!s.empty() && s[0] == '~' && (s.size() == 1 || s[1] == '/')) {
    f.quoted(value_of(env, "HOME"));
    i = 1;
  } else if (s.substr(0, 5) == "~root" && (s.size() == 5 || s[5] == '/')) {
    f.quoted("/root");  // the only user
    i = 5;
  }
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      f.lit(s[i + 1], true);
      i += 2;
    } else if (c == '\'') {
      auto end = s.find('\'', i + 1);
      if (end == std::string_view::npos) end = s.size();
      f.quoted(s.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (c == '"') {
      // "$@" with no arguments is no word at all.
      const bool at_alone = s.substr(i, 4) == "\"$@\"" && env.array && env.array("@") && env.array("@")->empty();
      if (!at_alone) f.have = true;
      i = double_quoted(env, s, i + 1, f, false);
    } else if (c == '$') {
      i = dollar(env, s, i, f, false);
    } else if (c == '`') {
      i = backquote(env, s, i, f, false);
    } else {
      f.lit(c, false);
      ++i;
    }
  }
}

// ---- 4. globbing ------------------------------------------------------------------
std::vector<std::string> glob(const MemoryFs& fs, const std::string& pattern) {
  // Split into components; expand component by component from "/" or the cwd.
  const bool absolute = !pattern.empty() && pattern[0] == '/';
  std::vector<std::string> parts;
  std::size_t i = absolute ? 1 : 0;
  while (i <= pattern.size()) {
    auto j = pattern.find('/', i);
    if (j == std::string::npos) j = pattern.size();
    if (j > i) parts.push_back(pattern.substr(i, j - i));
    i = j + 1;
  }
  std::vector<std::string> paths = {absolute ? "/" : ""};
  for (const auto& part : parts) {
    std::vector<std::string> next;
    const bool magic = part.find_first_of("*?[") != std::string::npos;
    for (const auto& base : paths) {
      const std::string dir = base.empty() ? "." : base;
      auto join = [&](const std::string& name) { return base.empty() ? name : (base == "/" ? "/" + name : base + "/" + name); };
      if (!magic) {
        std::string lit;
        for (std::size_t k = 0; k < part.size(); ++k) {
          if (part[k] == '\\' && k + 1 < part.size()) ++k;
          lit += part[k];
        }
        if (fs.exists(join(lit))) next.push_back(join(lit));
        continue;
      }
      for (const auto& name : fs.list(dir)) {
        if (name[0] == '.' && part[0] != '.') continue;
        if (glob_match(part, name)) next.push_back(join(name));
      }
    }
    paths = std::move(next);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// ---- 5. brace expansion: a{b,c}d → abd acd, {1..3} → 1 2 3 (before all else) ----
std::vector<std::string> brace_expand(const std::string& w) {
  // Find an unquoted '{' with its matching '}' and a top-level ',' or "..".
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if (c == '\\') {
      ++i;
    } else if (c == '\'') {
      auto e = w.find('\'', i + 1);
      if (e == std::string::npos) return {w};
      i = e;
    } else if (c == '"') {
      for (++i; i < w.size() && w[i] != '"'; ++i)
        if (w[i] == '\\') ++i;
    } else if (c == '$' && i + 1 < w.size() && (w[i + 1] == '{' || w[i + 1] == '(')) {
      auto e = substitution_end(w, i);
      if (e == std::string_view::npos) return {w};
      i = e - 1;
    } else if (c == '{') {
      int depth = 0;
      std::vector<std::size_t> commas;
      std::size_t close = std::string::npos;
      for (std::size_t j = i; j < w.size() && close == std::string::npos; ++j) {
        if (w[j] == '\\') ++j;
        else if (w[j] == '{') ++depth;
        else if (w[j] == '}' && --depth == 0) close = j;
        else if (w[j] == ',' && depth == 1) commas.push_back(j);
      }
      if (close == std::string::npos) return {w};
      const std::string pre = w.substr(0, i), post = w.substr(close + 1);
      std::vector<std::string> alts;
      if (!commas.empty()) {
        std::size_t b = i + 1;
        for (std::size_t k : commas) {
          alts.push_back(w.substr(b, k - b));
          b = k + 1;
        }
        alts.push_back(w.substr(b, close - b));
      } else {
        const std::string body = w.substr(i + 1, close - i - 1);
        auto dots = body.find("..");
        char* e1 = nullptr;
        char* e2 = nullptr;
        if (dots == std::string::npos) continue;
        const std::string lo = body.substr(0, dots), hi = body.substr(dots + 2);
        long a = std::strtol(lo.c_str(), &e1, 10), z = std::strtol(hi.c_str(), &e2, 10);
        if (!lo.empty() && !hi.empty() && !*e1 && !*e2) {
          for (long v = a;; v += a <= z ? 1 : -1) {
            alts.push_back(std::to_string(v));
            if (v == z) break;
          }
        } else if (lo.size() == 1 && hi.size() == 1) {
          for (char v = lo[0];; v = static_cast<char>(v + (lo[0] <= hi[0] ? 1 : -1))) {
            alts.emplace_back(1, v);
            if (v == hi[0]) break;
          }
        } else {
          continue;
        }
      }
      std::vector<std::string> out;
      for (const auto& alt : alts)
        for (auto& x : brace_expand(pre + alt + post)) out.push_back(std::move(x));
      return out;
    }
  }
  return {w};
}

}  // namespace

namespace {

// One non-star pattern element at p[pi] against the character c; sets len to the
// element's length in the pattern.
bool element_matches(std::string_view p, std::size_t pi, char c, std::size_t& len) {
  len = 1;
  if (p[pi] == '?') return true;
  if (p[pi] == '\\' && pi + 1 < p.size()) {
    len = 2;
    return p[pi + 1] == c;
  }
  if (p[pi] == '[') {
    auto close = p.find(']', pi + 2);
    if (close != std::string_view::npos) {
      std::string_view set = p.substr(pi + 1, close - pi - 1);
      len = close - pi + 1;
      const bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
      if (negate) set.remove_prefix(1);
      bool hit = false;
      for (std::size_t k = 0; k < set.size(); ++k) {
        if (k + 2 < set.size() && set[k + 1] == '-') {
          hit = hit || (c >= set[k] && c <= set[k + 2]);
          k += 2;
        } else {
          hit = hit || c == set[k];
        }
      }
      return hit != negate;
    }
  }
  return p[pi] == c;
}

}  // namespace

// Linear-time wildcard matching: on a mismatch, back up to the last '*' and let it
// take one more character (no exponential backtracking on "*a*a*a*b").
bool glob_match(std::string_view p, std::string_view n) {
  std::size_t pi = 0, ni = 0, star = std::string_view::npos, star_n = 0;
  while (ni < n.size()) {
    std::size_t len = 1;
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      star_n = ni;
    } else if (pi < p.size() && element_matches(p, pi, n[ni], len)) {
      pi += len;
      ++ni;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ni = ++star_n;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

std::vector<std::string> expand_words(ExpandEnv& env, const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  std::vector<std::string> words;
  for (const auto& w : raw)
    for (auto& b : brace_expand(w)) words.push_back(std::move(b));
  for (const auto& w : words) {
    Fields f;
    expand_into(env, w, f);
    f.finish();
    for (auto& field : f.done) {
      if (field.glob && env.fs) {
        auto matches = glob(*env.fs, field.pattern);
        if (!matches.empty()) {
          out.insert(out.end(), matches.begin(), matches.end());
          continue;
        }
      }
      out.push_back(std::move(field.text));
    }
  }
  return out;
}

std::string expand_word(ExpandEnv& env, std::string_view raw) {
  Fields f;
  f.split = false;
  expand_into(env, raw, f);
  return f.cur.text;
}

std::string expand_heredoc(ExpandEnv& env, std::string_view body) {
  Fields f;
  f.split = false;
  double_quoted(env, body, 0, f, true);
  return f.cur.text;
}

}  // namespace kt::term
