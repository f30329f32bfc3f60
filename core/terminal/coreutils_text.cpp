// Text commands of GNU coreutils 9 and grep 3, reading files or stdin: cat, grep,
// head, tail, wc, sort, uniq, cut, tr, tee, base64, seq. Map:
//   1. shared helpers: inputs, lines, regular expression dialects
//   2. cat, head, tail, wc, tee
//   3. grep
//   4. sort, uniq, cut, tr, base64
#include <algorithm>
#include <cctype>
#include <cstring>
#include <regex>

#include "core/terminal/shell_state.h"

namespace kt::term {

// ---- 1. helpers ----------------------------------------------------------------------
int for_each_input(Invocation& inv, const std::vector<std::string>& files,
                   const std::function<void(const std::string&, const std::string&)>& fn) {
  if (files.empty()) {
    fn("(standard input)", inv.input());
    return 0;
  }
  int status = 0;
  for (const auto& f : files) {
    if (f == "-") {
      fn("(standard input)", inv.input());
      continue;
    }
    auto rd = inv.fs().read(f);
    if (!rd.data) {
      inv.err(inv.sh.busybox_userland() ? inv.argv[0] + ": can't open '" + f + "': " + rd.error + "\n"
                                        : inv.argv[0] + ": " + f + ": " + rd.error + "\n");
      status = 1;
      continue;
    }
    fn(f, *rd.data);
  }
  return status;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    auto nl = text.find('\n', i);
    if (nl == std::string_view::npos) nl = text.size();
    out.emplace_back(text.substr(i, nl - i));
    i = nl + 1;
  }
  return out;
}

namespace {

// A bracket expression copied from POSIX into ECMAScript: backslash is literal, a
// leading ']' is a member. Returns the index after the closing ']'.
std::size_t copy_bracket(std::string_view re, std::size_t i, std::string& out) {
  out += '[';
  std::size_t j = i + 1;
  if (j < re.size() && re[j] == '^') out += re[j++];
  if (j < re.size() && re[j] == ']') {
    out += "\\]";
    ++j;
  }
  for (; j < re.size() && re[j] != ']'; ++j) {
    if (re[j] == '[' && j + 1 < re.size() && re[j + 1] == ':') {
      auto close = re.find(":]", j + 2);
      if (close != std::string_view::npos) {
        out.append(re.substr(j, close + 2 - j));
        j = close + 1;
        continue;
      }
    }
    if (re[j] == '\\' || re[j] == '[') out += '\\';
    out += re[j];
  }
  out += ']';
  return j + 1;
}

std::string to_ecma(std::string_view re, bool extended) {
  std::string out;
  for (std::size_t i = 0; i < re.size();) {
    const char c = re[i];
    if (c == '[') {
      i = copy_bracket(re, i, out);
      continue;
    }
    if (c == '\\' && i + 1 < re.size()) {
      const char n = re[i + 1];
      i += 2;
      if (n == '<' || n == '>') out += "\\b";
      else if (!extended && std::strchr("(){}|+?", n)) out += n;
      else if (std::strchr("wWsSbB.*[]^$\\/(){}|+?", n) || std::isdigit(static_cast<unsigned char>(n))) {
        if (n != '/') out += '\\';
        out += n;
      } else if (n == 'n') out += "\\n";
      else if (n == 't') out += "\\t";
      else out += n;
      continue;
    }
    if (!extended && std::strchr("(){}|+?", c)) {
      out += '\\';
      out += c;
    } else if (c == '*' && (out.empty() || out == "^" || out.back() == '(' || out.back() == '|')) {
      out += "\\*";
    } else {
      out += c;
    }
    ++i;
  }
  return out;
}

}  // namespace

std::string bre_to_ecma(std::string_view bre) { return to_ecma(bre, false); }
std::string ere_to_ecma(std::string_view ere) { return to_ecma(ere, true); }

namespace {

using Args = std::vector<std::string>;

// "-n 5", "-n5", "-5", "--lines=5" → the value; empty when absent.
bool take_value(const Args& argv, std::size_t& i, char flag, std::string& value) {
  const std::string& a = argv[i];
  if (a.size() > 2 && a[0] == '-' && a[1] == flag) {
    value = a.substr(2);
    return true;
  }
  if (a == std::string("-") + flag) {
    value = i + 1 < argv.size() ? argv[++i] : "";
    return true;
  }
  return false;
}

// ---- 2. cat, head, tail, wc, tee -----------------------------------------------------------
int cat(Invocation& inv) {
  bool number = false;
  Args files;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    if (inv.argv[i] == "-n") number = true;
    else files.push_back(inv.argv[i]);
  }
  int line_no = 0;
  return for_each_input(inv, files, [&](const std::string&, const std::string& data) {
    if (!number) {
      inv.out(data);
      return;
    }
    std::string out;
    char buf[16];
    std::size_t i = 0;
    while (i < data.size()) {
      auto nl = data.find('\n', i);
      std::snprintf(buf, sizeof buf, "%6d\t", ++line_no);
      out += buf;
      out += data.substr(i, nl == std::string::npos ? std::string::npos : nl + 1 - i);
      if (nl == std::string::npos) break;
      i = nl + 1;
    }
    inv.out(out);
  });
}

// head and tail share their options: -n N, -N, -c N, and files with ==> headers.
int head_tail(Invocation& inv, bool head) {
  const std::string cmd = inv.argv[0];
  long long count = 10;
  bool bytes = false, from_start = false;
  Args files;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    std::string v;
    const std::string& a = inv.argv[i];
    if (take_value(inv.argv, i, 'n', v) || take_value(inv.argv, i, 'c', v)) {
      bytes = a.rfind("-c", 0) == 0;
      if (!v.empty() && v[0] == '+') from_start = !head;
      char* end = nullptr;
      count = std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end)
        return inv.fail(cmd + ": invalid number of " + (bytes ? "bytes" : "lines") + ": '" + v + "'\n");
    } else if (a == "-f" || a == "-F") {
      // Following a file needs time to pass; the sandbox prints what is there.
    } else if (a.size() > 1 && a[0] == '-' && std::isdigit(static_cast<unsigned char>(a[1]))) {
      count = std::strtoll(a.c_str() + 1, nullptr, 10);
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return inv.fail(cmd + ": invalid option -- '" + a.substr(1, 1) + "'\nTry '" + cmd + " --help' for more information.\n");
    } else {
      files.push_back(a);
    }
  }
  const bool headers = files.size() > 1;
  bool first = true;
  return for_each_input(inv, files, [&](const std::string& name, const std::string& data) {
    std::string out;
    if (headers) out += std::string(first ? "" : "\n") + "==> " + name + " <==\n";
    first = false;
    if (bytes) {
      const std::size_t n = static_cast<std::size_t>(std::llabs(count));
      if (head) out += count >= 0 ? data.substr(0, n) : data.substr(0, data.size() > n ? data.size() - n : 0);
      else if (from_start) out += data.substr(std::min(data.size(), n > 0 ? n - 1 : 0));
      else out += data.substr(data.size() > n ? data.size() - n : 0);
    } else {
      // Line boundaries: offsets where each line starts.
      std::vector<std::size_t> starts;
      for (std::size_t i = 0; i < data.size(); i = data.find('\n', i) == std::string::npos ? data.size() : data.find('\n', i) + 1)
        starts.push_back(i);
      const std::size_t lines = starts.size();
      auto offset = [&](std::size_t line) { return line < lines ? starts[line] : data.size(); };
      const std::size_t n = static_cast<std::size_t>(std::llabs(count));
      if (head) out += count >= 0 ? data.substr(0, offset(n)) : data.substr(0, offset(lines > n ? lines - n : 0));
      else if (from_start) out += data.substr(offset(n > 0 ? n - 1 : 0));
      else out += data.substr(offset(lines > n ? lines - n : 0));
    }
    inv.out(out);
  });
}

int head(Invocation& inv) { return head_tail(inv, true); }
int tail(Invocation& inv) { return head_tail(inv, false); }

int wc(Invocation& inv) {
  bool l = false, w = false, c = false;
  Args files;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (a.size() > 1 && a[0] == '-') {
      for (char f : a.substr(1)) {
        if (f == 'l') l = true;
        else if (f == 'w') w = true;
        else if (f == 'c' || f == 'm') c = true;
        else return inv.fail("wc: invalid option -- '" + std::string(1, f) + "'\nTry 'wc --help' for more information.\n");
      }
    } else {
      files.push_back(a);
    }
  }
  if (!l && !w && !c) l = w = c = true;
  struct Counts {
    std::string name;
    std::size_t lines = 0, words = 0, bytes = 0;
  };
  std::vector<Counts> rows;
  Counts total{"total"};
  const int status = for_each_input(inv, files, [&](const std::string& name, const std::string& data) {
    Counts k{files.empty() ? "" : name};
    bool in_word = false;
    for (char ch : data) {
      if (ch == '\n') ++k.lines;
      const bool space = std::isspace(static_cast<unsigned char>(ch));
      if (!space && !in_word) ++k.words;
      in_word = !space;
    }
    k.bytes = data.size();
    total.lines += k.lines;
    total.words += k.words;
    total.bytes += k.bytes;
    rows.push_back(k);
  });
  if (rows.size() > 1) rows.push_back(total);
  const int fields = l + w + c;
  std::size_t width = 1;
  const bool from_stdin = files.empty() || std::find(files.begin(), files.end(), "-") != files.end();
  if (from_stdin && fields > 1) width = 7;
  else if (!(fields == 1 && rows.size() == 1)) width = std::to_string(total.bytes).size();
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    auto add = [&](std::size_t v) {
      std::string s = std::to_string(v);
      if (!line.empty()) line += ' ';
      line += std::string(width > s.size() ? width - s.size() : 0, ' ') + s;
    };
    if (l) add(r.lines);
    if (w) add(r.words);
    if (c) add(r.bytes);
    if (!r.name.empty()) line += " " + r.name;
    out += line + "\n";
  }
  inv.out(out);
  return status;
}

int tee(Invocation& inv) {
  bool append = false;
  Args files;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    if (inv.argv[i] == "-a" || inv.argv[i] == "--append") append = true;
    else files.push_back(inv.argv[i]);
  }
  int status = 0;
  for (const auto& f : files) {
    if (auto err = inv.fs().write(f, inv.input(), append); !err.empty()) {
      inv.err("tee: " + f + ": " + err + "\n");
      status = 1;
    }
  }
  inv.out(inv.input());
  return status;
}

// ---- 3. grep --------------------------------------------------------------------------------
int grep(Invocation& inv) {
  bool ignore = false, invert = false, extended = inv.argv[0] == "egrep", fixed = false, count = false, number = false,
       word = false, only = false, quiet = false, names_only = false, recursive = false, whole_line = false;
  std::size_t before = 0, after = 0;  // context lines
  int with_names = -1;  // -1: when more than one file
  Args patterns, files;
  bool only_operands = false;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (only_operands || a.size() < 2 || a[0] != '-') {
      files.push_back(a);
      continue;
    }
    if (a == "--") {
      only_operands = true;
      continue;
    }
    if (a == "--color=auto" || a == "--color" || a == "--colour=auto" || a == "--color=never") continue;
    for (std::size_t k = 1; k < a.size(); ++k) {
      switch (a[k]) {
        case 'i': ignore = true; break;
        case 'v': invert = true; break;
        case 'E': extended = true; break;
        case 'F': fixed = true; break;
        case 'G': extended = false; break;
        case 'c': count = true; break;
        case 'n': number = true; break;
        case 'w': word = true; break;
        case 'o': only = true; break;
        case 'q': quiet = true; break;
        case 'l': names_only = true; break;
        case 'r':
        case 'R': recursive = true; break;
        case 'x': whole_line = true; break;
        case 'A':
        case 'B':
        case 'C': {
          std::string v = k + 1 < a.size() ? a.substr(k + 1) : (i + 1 < inv.argv.size() ? inv.argv[++i] : "");
          char* end = nullptr;
          const unsigned long n = std::strtoul(v.c_str(), &end, 10);
          if (v.empty() || *end) return inv.fail("grep: " + v + ": invalid context length argument\n", 2);
          if (a[k] != 'B') after = n;
          if (a[k] != 'A') before = n;
          k = a.size();
          break;
        }
        case 'h': with_names = 0; break;
        case 'H': with_names = 1; break;
        case 'e':
          if (k + 1 < a.size()) patterns.push_back(a.substr(k + 1));
          else if (i + 1 < inv.argv.size()) patterns.push_back(inv.argv[++i]);
          k = a.size();
          break;
        default:
          return inv.fail("grep: invalid option -- '" + std::string(1, a[k]) +
                              "'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
                          2);
      }
    }
  }
  // The first operand is the pattern unless -e gave one.
  if (patterns.empty() && !files.empty()) {
    patterns.push_back(files.front());
    files.erase(files.begin());
  }
  if (patterns.empty()) return inv.fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
  std::string alternatives;
  for (const auto& p : patterns) {
    for (const auto& piece : split_lines(p.empty() ? std::string("\n") : p)) {
      std::string re;
      if (fixed) {
        for (char ch : piece) {
          if (std::strchr("\\^$.|?*+()[]{}", ch)) re += '\\';
          re += ch;
        }
      } else {
        re = extended ? ere_to_ecma(piece) : bre_to_ecma(piece);
      }
      if (word) re = "\\b(?:" + re + ")\\b";
      alternatives += (alternatives.empty() ? "" : "|") + ("(?:" + re + ")");
    }
  }
  std::regex rx;
  try {
    rx = std::regex(alternatives, ignore ? std::regex::ECMAScript | std::regex::icase : std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    return inv.fail("grep: Unmatched ( or \\(\n", 2);
  }
  if (recursive) {
    // Directories expand to their files, depth first in name order.
    const bool implicit = files.empty();
    if (implicit) files.push_back(".");
    std::vector<std::string> expanded;
    std::function<void(const std::string&, const std::string&)> walk = [&](const std::string& path, const std::string& shown) {
      if (!inv.fs().is_dir(path)) {
        expanded.push_back(shown);
        return;
      }
      for (const auto& name : inv.fs().list(path))
        walk(path + "/" + name, shown.empty() ? name : (shown.back() == '/' ? shown + name : shown + "/" + name));
    };
    for (const auto& f : files) walk(f, implicit ? "" : f);
    files = expanded;
    if (with_names == -1) with_names = 1;
  }
  const bool prefix = with_names == 1 || (with_names == -1 && files.size() > 1);
  bool any = false, printed_any = false;
  std::string out;
  int status = 0;
  for (std::size_t fi = 0; fi < std::max<std::size_t>(1, files.size()); ++fi) {
    std::string name = "(standard input)";
    std::string data;
    if (!files.empty() && files[fi] != "-") {
      name = files[fi];
      auto rd = inv.fs().read(name);
      if (!rd.data) {
        inv.out(out);
        out.clear();
        inv.err("grep: " + name + ": " + rd.error + "\n");
        status = 2;
        continue;
      }
      data = *rd.data;
    } else {
      data = inv.input();
    }
    std::size_t matches = 0;
    const auto lines = split_lines(data);
    std::vector<bool> hits(lines.size());
    for (std::size_t ln = 0; ln < lines.size(); ++ln) {
      const bool matched = whole_line ? std::regex_match(lines[ln], rx) : std::regex_search(lines[ln], rx);
      hits[ln] = matched != invert;
    }
    // Context lines (-A/-B/-C) print with '-' where matches have ':', groups apart by "--".
    std::vector<bool> shown(lines.size());
    for (std::size_t ln = 0; ln < lines.size(); ++ln) {
      if (!hits[ln]) continue;
      for (std::size_t k = ln >= before ? ln - before : 0; k <= std::min(lines.size() - 1, ln + after); ++k) shown[k] = true;
    }
    for (std::size_t ln = 0; ln < lines.size(); ++ln) {
      const std::string& line = lines[ln];
      const bool hit = hits[ln];
      if (hit) ++matches;
      if (count || quiet || names_only || !shown[ln]) continue;
      if ((before || after) && ln > 0 && !shown[ln - 1] && printed_any) out += "--\n";
      if ((before || after) && ln == 0 && printed_any) out += "--\n";
      printed_any = true;
      const char sep = hit ? ':' : '-';
      const std::string lead = (prefix ? name + sep : "") + (number ? std::to_string(ln + 1) + sep : "");
      if (!hit) {
        out += lead + line + "\n";
        continue;
      }
      if (only && !invert) {
        for (auto it = std::sregex_iterator(line.begin(), line.end(), rx); it != std::sregex_iterator(); ++it)
          if (it->length(0) > 0) out += lead + it->str(0) + "\n";
      } else {
        out += lead + line + "\n";
      }
    }
    if (matches) any = true;
    if (count) out += (prefix ? name + ":" : "") + std::to_string(matches) + "\n";
    if (names_only && matches) out += name + "\n";
    if (quiet && any) break;
  }
  if (!quiet) inv.out(out);
  if (quiet && any) return 0;
  return status ? status : any ? 0 : 1;
}

// ---- 4. sort, uniq, cut, tr, base64 -------------------------------------------------------
// The key of a line for sort -k M[,N] (fields 1-based; -t sep or blank-separated).
std::string sort_key(const std::string& line, int from, int to, char sep) {
  std::vector<std::pair<std::size_t, std::size_t>> fields;  // [begin, end)
  if (sep) {
    std::size_t b = 0;
    for (;;) {
      auto e = line.find(sep, b);
      fields.emplace_back(b, e == std::string::npos ? line.size() : e);
      if (e == std::string::npos) break;
      b = e + 1;
    }
  } else {
    std::size_t i = 0;
    while (i < line.size()) {
      const std::size_t b = i;  // leading blanks belong to the field
      while (i < line.size() && std::isblank(static_cast<unsigned char>(line[i]))) ++i;
      while (i < line.size() && !std::isblank(static_cast<unsigned char>(line[i]))) ++i;
      fields.emplace_back(b, i);
    }
  }
  if (from < 1 || static_cast<std::size_t>(from) > fields.size()) return "";
  const std::size_t last = to <= 0 || static_cast<std::size_t>(to) > fields.size() ? fields.size() : static_cast<std::size_t>(to);
  return line.substr(fields[from - 1].first, fields[last - 1].second - fields[from - 1].first);
}

int sort(Invocation& inv) {
  // Global ordering options apply to keys that name none of their own (-k2,2n).
  struct Key {
    int from = 0, to = 0;
    bool numeric = false, reverse = false, fold = false, own = false;
  };
  Key global;
  bool unique = false;
  std::vector<Key> keys;
  char sep = 0;
  Args files;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    std::string v;
    const std::string& a = inv.argv[i];
    if (take_value(inv.argv, i, 'k', v)) {
      Key k;
      k.from = std::atoi(v.c_str());
      auto comma = v.find(',');
      k.to = comma == std::string::npos ? 0 : std::atoi(v.c_str() + comma + 1);
      for (char f : v.substr(v.find_first_not_of("0123456789.,") == std::string::npos ? v.size() : v.find_first_not_of("0123456789.,"))) {
        if (f == 'n' || f == 'h' || f == 'g') k.numeric = k.own = true;
        else if (f == 'r') k.reverse = k.own = true;
        else if (f == 'f') k.fold = k.own = true;
      }
      if (k.from < 1) return inv.fail("sort: invalid number at field start: invalid count at start of '" + v + "'\n", 2);
      keys.push_back(k);
    } else if (take_value(inv.argv, i, 't', v)) {
      if (v.size() != 1) return inv.fail("sort: multi-character tab '" + v + "'\n", 2);
      sep = v[0];
    } else if (a.size() > 1 && a[0] == '-') {
      for (char f : a.substr(1)) {
        if (f == 'n' || f == 'h' || f == 'g') global.numeric = true;
        else if (f == 'r') global.reverse = true;
        else if (f == 'u') unique = true;
        else if (f == 'f') global.fold = true;
        else if (f != 's') return inv.fail("sort: invalid option -- '" + std::string(1, f) + "'\nTry 'sort --help' for more information.\n", 2);
      }
    } else {
      files.push_back(a);
    }
  }
  for (auto& k : keys)
    if (!k.own) k.numeric = global.numeric, k.reverse = global.reverse, k.fold = global.fold;
  if (keys.empty()) keys.push_back(global);
  std::vector<std::string> lines;
  const int status = for_each_input(inv, files, [&](const std::string&, const std::string& data) {
    auto l = split_lines(data);
    lines.insert(lines.end(), l.begin(), l.end());
  });
  if (status) return 2;
  auto upper = [](std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return s;
  };
  // -1, 0, 1 on the keys alone (what -u compares), each in its own direction.
  auto compare_keys = [&](const std::string& a, const std::string& b) -> int {
    for (const auto& k : keys) {
      std::string ka = k.from ? sort_key(a, k.from, k.to, sep) : a, kb = k.from ? sort_key(b, k.from, k.to, sep) : b;
      int c;
      if (k.numeric) {
        const double x = std::strtod(ka.c_str(), nullptr), y = std::strtod(kb.c_str(), nullptr);
        c = x < y ? -1 : x > y ? 1 : 0;
      } else {
        if (k.fold) ka = upper(ka), kb = upper(kb);
        c = ka < kb ? -1 : ka > kb ? 1 : 0;
      }
      if (c != 0) return k.reverse ? -c : c;
    }
    return 0;
  };
  std::stable_sort(lines.begin(), lines.end(), [&](const std::string& a, const std::string& b) {
    int c = compare_keys(a, b);
    if (c == 0 && !unique) {  // the last-resort comparison: whole lines, bytewise
      c = a < b ? -1 : a > b ? 1 : 0;
      if (global.reverse) c = -c;
    }
    return c < 0;
  });
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (unique && i > 0 && compare_keys(lines[i - 1], lines[i]) == 0) continue;
    out += lines[i] + "\n";
  }
  inv.out(out);
  return 0;
}

int uniq(Invocation& inv) {
  bool count = false, dups = false, uniques = false;
  Args files;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (a == "-c") count = true;
    else if (a == "-d") dups = true;
    else if (a == "-u") uniques = true;
    else files.push_back(a);
  }
  std::string output_file;  // uniq INPUT OUTPUT
  if (files.size() > 1) {
    output_file = files[1];
    files.resize(1);
  }
  std::string data;
  const int status = for_each_input(inv, files, [&](const std::string&, const std::string& d) { data = d; });
  if (status) return 1;
  const auto lines = split_lines(data);
  std::string out;
  for (std::size_t i = 0; i < lines.size();) {
    std::size_t j = i;
    while (j < lines.size() && lines[j] == lines[i]) ++j;
    const std::size_t n = j - i;
    if ((!dups || n > 1) && (!uniques || n == 1)) {
      if (count) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%7zu ", n);
        out += buf;
      }
      out += lines[i] + "\n";
    }
    i = j;
  }
  if (!output_file.empty()) {
    if (auto err = inv.fs().write(output_file, out, false); !err.empty()) return inv.fail("uniq: " + output_file + ": " + err + "\n");
    return 0;
  }
  inv.out(out);
  return 0;
}

// A cut list ("1,3", "2-", "-3", "1-3") as a membership test on 1-based positions.
bool parse_list(const std::string& spec, std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  std::size_t i = 0;
  while (i <= spec.size()) {
    auto comma = spec.find(',', i);
    std::string part = spec.substr(i, comma == std::string::npos ? std::string::npos : comma - i);
    if (part.empty() || part.find_first_not_of("0123456789-") != std::string::npos) return false;
    auto dash = part.find('-');
    std::size_t lo = 1, hi = static_cast<std::size_t>(-1);
    if (dash == std::string::npos) {
      lo = hi = std::stoul(part);
    } else {
      if (dash > 0) lo = std::stoul(part.substr(0, dash));
      if (dash + 1 < part.size()) hi = std::stoul(part.substr(dash + 1));
      if (dash == 0 && part.size() == 1) return false;
    }
    if (lo == 0) return false;
    ranges.emplace_back(lo, hi);
    if (comma == std::string::npos) break;
    i = comma + 1;
  }
  return true;
}

int cut(Invocation& inv) {
  std::string fields, chars, delim = "\t";
  bool only_delimited = false, complement = false;
  Args files;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    std::string v;
    if (take_value(inv.argv, i, 'f', v)) fields = v;
    else if (take_value(inv.argv, i, 'c', v) || take_value(inv.argv, i, 'b', v)) chars = v;
    else if (take_value(inv.argv, i, 'd', v)) {
      if (v.size() != 1) return inv.fail("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
      delim = v;
    } else if (inv.argv[i] == "-s") only_delimited = true;
    else if (inv.argv[i] == "--complement") complement = true;
    else files.push_back(inv.argv[i]);
  }
  if (fields.empty() && chars.empty())
    return inv.fail("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  if (!parse_list(fields.empty() ? chars : fields, ranges))
    return inv.fail("cut: invalid field value '" + (fields.empty() ? chars : fields) + "'\nTry 'cut --help' for more information.\n");
  auto selected = [&](std::size_t pos) {
    for (auto [lo, hi] : ranges)
      if (pos >= lo && pos <= hi) return !complement;
    return complement;
  };
  std::string out;
  const int status = for_each_input(inv, files, [&](const std::string&, const std::string& data) {
    for (const auto& line : split_lines(data)) {
      if (fields.empty()) {
        for (std::size_t k = 0; k < line.size(); ++k)
          if (selected(k + 1)) out += line[k];
        out += "\n";
        continue;
      }
      if (line.find(delim[0]) == std::string::npos) {
        if (!only_delimited) out += line + "\n";
        continue;
      }
      std::string picked;
      bool first = true;
      std::size_t b = 0, pos = 1;
      for (;;) {
        auto e = line.find(delim[0], b);
        if (selected(pos)) {
          if (!first) picked += delim;
          picked += line.substr(b, e == std::string::npos ? std::string::npos : e - b);
          first = false;
        }
        if (e == std::string::npos) break;
        b = e + 1;
        ++pos;
      }
      out += picked + "\n";
    }
  });
  inv.out(out);
  return status;
}

// A tr set: ranges (a-z), classes ([:lower:]), escapes (\n).
std::string tr_set(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[' && s.compare(i, 2, "[:") == 0) {
      auto close = s.find(":]", i);
      if (close != std::string::npos) {
        const std::string cls = s.substr(i + 2, close - i - 2);
        for (int ch = 0; ch < 128; ++ch) {
          const bool in = cls == "lower" ? std::islower(ch) : cls == "upper" ? std::isupper(ch) : cls == "digit" ? std::isdigit(ch)
                        : cls == "alpha" ? std::isalpha(ch) : cls == "alnum" ? std::isalnum(ch) : cls == "space" ? std::isspace(ch)
                        : cls == "blank" ? std::isblank(ch) : cls == "punct" ? std::ispunct(ch) : false;
          if (in) out += static_cast<char>(ch);
        }
        i = close + 1;
        continue;
      }
    }
    char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      const char n = s[++i];
      c = n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n;
    }
    if (i + 2 < s.size() && s[i + 1] == '-') {
      char hi = s[i + 2];
      for (int ch = static_cast<unsigned char>(c); ch <= static_cast<unsigned char>(hi); ++ch) out += static_cast<char>(ch);
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

int tr(Invocation& inv) {
  bool del = false, squeeze = false;
  Args sets;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (a.size() > 1 && a[0] == '-' && a.find_first_not_of("ds", 1) == std::string::npos) {
      del = del || a.find('d') != std::string::npos;
      squeeze = squeeze || a.find('s') != std::string::npos;
    } else {
      sets.push_back(a);
    }
  }
  if (sets.empty()) return inv.fail("tr: missing operand\nTry 'tr --help' for more information.\n");
  if (!del && !squeeze && sets.size() < 2)
    return inv.fail("tr: missing operand after '" + sets[0] + "'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n");
  const std::string s1 = tr_set(sets[0]);
  std::string s2 = sets.size() > 1 ? tr_set(sets[1]) : "";
  if (!del && !s2.empty() && s2.size() < s1.size()) s2.append(s1.size() - s2.size(), s2.back());
  std::string out;
  const std::string& squeeze_set = del || s2.empty() ? (del ? s2 : s1) : s2;
  for (char c : inv.input()) {
    if (del && s1.find(c) != std::string::npos) continue;
    if (!del && !s2.empty()) {
      auto p = s1.find(c);
      if (p != std::string::npos) c = s2[p];
    }
    if (squeeze && !out.empty() && out.back() == c && squeeze_set.find(c) != std::string::npos) continue;
    out += c;
  }
  inv.out(out);
  return 0;
}

int base64(Invocation& inv) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  bool decode = false;
  std::size_t wrap = 76;
  Args files;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    std::string v;
    const std::string& a = inv.argv[i];
    if (a == "-d" || a == "--decode") decode = true;
    else if (take_value(inv.argv, i, 'w', v)) wrap = std::strtoul(v.c_str(), nullptr, 10);
    else if (a.rfind("--wrap=", 0) == 0) wrap = std::strtoul(a.c_str() + 7, nullptr, 10);
    else files.push_back(a);
  }
  if (files.size() > 1) return inv.fail("base64: extra operand '" + files[1] + "'\nTry 'base64 --help' for more information.\n");
  std::string data;
  if (for_each_input(inv, files, [&](const std::string&, const std::string& d) { data = d; })) return 1;
  std::string out;
  if (decode) {
    unsigned int acc = 0;
    int bits = 0;
    for (char c : data) {
      if (c == '\n' || c == '=') continue;
      const char* p = std::strchr(kAlphabet, c);
      if (!p || c == 0) {
        inv.out(out);
        return inv.fail("base64: invalid input\n");
      }
      acc = (acc << 6) | static_cast<unsigned int>(p - kAlphabet);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += static_cast<char>((acc >> bits) & 0xff);
      }
    }
    inv.out(out);
    return 0;
  }
  std::string enc;
  for (std::size_t i = 0; i < data.size(); i += 3) {
    unsigned int n = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    if (i + 2 < data.size()) n |= static_cast<unsigned char>(data[i + 2]);
    enc += kAlphabet[(n >> 18) & 63];
    enc += kAlphabet[(n >> 12) & 63];
    enc += i + 1 < data.size() ? kAlphabet[(n >> 6) & 63] : '=';
    enc += i + 2 < data.size() ? kAlphabet[n & 63] : '=';
  }
  for (std::size_t i = 0; i < enc.size(); i += wrap ? wrap : enc.size()) out += enc.substr(i, wrap ? wrap : enc.size()) + "\n";
  if (enc.empty()) out = "";
  if (!wrap && !enc.empty()) out.pop_back();
  inv.out(out);
  return 0;
}

// seq [FIRST [INCREMENT]] LAST, integers or decimals; -s SEP.
int seq(Invocation& inv) {
  std::string sep = "\n";
  Args nums;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    std::string v;
    const std::string& a = inv.argv[i];
    if (take_value(inv.argv, i, 's', v)) sep = v;
    else nums.push_back(a);
  }
  if (nums.empty() || nums.size() > 3) return inv.fail("seq: missing operand\nTry 'seq --help' for more information.\n");
  std::vector<double> v;
  for (const auto& n : nums) {
    char* end = nullptr;
    v.push_back(std::strtod(n.c_str(), &end));
    if (n.empty() || *end)
      return inv.fail("seq: invalid floating point argument: '" + n + "'\nTry 'seq --help' for more information.\n");
  }
  const double first = v.size() > 1 ? v[0] : 1, step = v.size() == 3 ? v[1] : 1, last = v.back();
  if (step == 0) return inv.fail("seq: invalid Zero increment value: '" + nums[1] + "'\nTry 'seq --help' for more information.\n");
  std::string out;
  int count = 0;
  for (double x = first; step > 0 ? x <= last + 1e-9 : x >= last - 1e-9; x += step) {
    if (++count > 1000000) break;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", x);
    out += (out.empty() ? "" : sep) + std::string(buf);
  }
  if (!out.empty()) out += "\n";
  inv.out(out);
  return 0;
}

}  // namespace

void register_diff(CommandTable& t);  // diff.cpp

void register_text_commands(CommandTable& t) {
  register_diff(t);
  for (auto [name, fn] : std::initializer_list<std::pair<const char*, CommandFn>>{
           {"cat", cat}, {"head", head}, {"tail", tail}, {"wc", wc}, {"tee", tee}, {"grep", grep}, {"egrep", grep},
           {"sort", sort}, {"uniq", uniq}, {"cut", cut}, {"tr", tr}, {"base64", base64},
           // The pagers show the whole text at once: the terminal scrolls it.
           {"less", cat}, {"more", cat}, {"seq", seq}})
    t[name] = {fn, std::string("/usr/bin/") + name};
}

}  // namespace kt::term
