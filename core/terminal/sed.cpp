// GNU sed 4: the stream editor as tutorials use it. Map:
//   1. the script parser: addresses (N, first~step, $, /re/, \#re#, ranges, addr,+N, !) and commands
//      s///[gpNI], p, d, q, =, a, i, c (one-liner and backslash-newline forms), y, { },
//      the hold space (h H g G x), n N P D
//   2. the cycle: each line through the commands; -n, -i[SUFFIX], -e, -E/-r
// Errors use GNU's wording ("-e expression #1, char 3: unterminated `s' command").
#include <cstring>
#include <regex>

#include "core/terminal/shell_state.h"

namespace kt::term {
namespace {

// ---- 1. script ---------------------------------------------------------------------------
struct Address {
  enum class Kind { None, Line, Step, Plus, Last, Regex } kind = Kind::None;
  long line = 0;
  long step = 0;  // first~step; addr,+N: N
  std::regex re;
};

struct SedCommand {
  Address a1, a2;
  bool negate = false;
  char cmd = 0;
  // s
  std::regex re;
  std::string replacement;
  bool global = false, print = false;
  long occurrence = 1;
  // a, i, c
  std::string text;
  // y
  std::string from, to;
  // { … }: index of the matching '}'
  std::size_t block_end = 0;
  // range state
  bool active = false;
  long range_end_line = 0;
};

struct SedError {
  std::string message;
};

class ScriptParser {
 public:
  ScriptParser(std::string_view s, bool extended) : s_(s), extended_(extended) {}

  std::vector<SedCommand> parse() {
    std::vector<SedCommand> out;
    std::vector<std::size_t> open;
    for (;;) {
      skip_separators();
      if (pos_ >= s_.size()) break;
      SedCommand c;
      c.a1 = address();
      if (c.a1.kind != Address::Kind::None && peek() == ',') {
        ++pos_;
        skip_spaces();
        if (peek() == '+') {  // GNU addr1,+N
          ++pos_;
          c.a2.kind = Address::Kind::Plus;
          while (std::isdigit(static_cast<unsigned char>(peek()))) c.a2.step = c.a2.step * 10 + (s_[pos_++] - '0');
        } else {
          c.a2 = address();
        }
        if (c.a2.kind == Address::Kind::None) fail("unexpected `,'");
      }
      skip_spaces();
      if (peek() == '!') {
        c.negate = true;
        ++pos_;
        skip_spaces();
      }
      if (pos_ >= s_.size()) fail("missing command");
      c.cmd = s_[pos_++];
      switch (c.cmd) {
        case 's': substitute(c); break;
        case 'y': transliterate(c); break;
        case 'a':
        case 'i':
        case 'c': c.text = text(); break;
        case 'p':
        case 'd':
        case 'q':
        case 'Q':
        case '=':
        case 'n':
        case 'N':
        case 'P':
        case 'D':
        case 'h':
        case 'H':
        case 'g':
        case 'G':
        case 'x': break;
        case '{': open.push_back(out.size()); break;
        case '}':
          if (open.empty()) fail("unexpected `}'");
          out[open.back()].block_end = out.size();
          open.pop_back();
          break;
        case '#':
          while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
          continue;
        default: fail(std::string("unknown command: `") + c.cmd + "'");
      }
      const bool opens_block = c.cmd == '{';
      out.push_back(std::move(c));
      skip_spaces();
      if (!opens_block && pos_ < s_.size() && s_[pos_] != ';' && s_[pos_] != '\n' && s_[pos_] != '}')
        fail(std::string("extra characters after command"));
    }
    if (!open.empty()) fail("unmatched `{'");
    return out;
  }

 private:
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  [[noreturn]] void fail(const std::string& what) {
    throw SedError{"char " + std::to_string(std::min(pos_, s_.size())) + ": " + what};
  }
  void skip_spaces() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  void skip_separators() {
    while (pos_ < s_.size() && std::strchr(" \t\n;", s_[pos_])) ++pos_;
  }

  std::regex compile(const std::string& re, bool icase) {
    try {
      auto flags = std::regex::ECMAScript;
      if (icase) flags |= std::regex::icase;
      return std::regex(extended_ ? ere_to_ecma(re) : bre_to_ecma(re), flags);
    } catch (const std::regex_error&) {
      fail("Invalid regular expression");
    }
  }

  // Text up to an unescaped delim; "\delim" becomes delim, "\n" a newline.
  std::string delimited(char delim, const char* what) {
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != delim) {
      if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) {
        if (s_[pos_ + 1] == delim) out += delim;
        else if (s_[pos_ + 1] == 'n' && delim != 'n') out += "\\n";
        else out.append(s_.substr(pos_, 2));
        pos_ += 2;
        continue;
      }
      out += s_[pos_++];
    }
    if (pos_ >= s_.size()) {
      pos_ = s_.size();
      fail(std::string("unterminated ") + what);
    }
    ++pos_;
    return out;
  }

  Address address() {
    Address a;
    const char c = peek();
    if (std::isdigit(static_cast<unsigned char>(c))) {
      a.kind = Address::Kind::Line;
      while (std::isdigit(static_cast<unsigned char>(peek()))) a.line = a.line * 10 + (s_[pos_++] - '0');
      if (peek() == '~') {  // GNU first~step
        ++pos_;
        a.kind = Address::Kind::Step;
        while (std::isdigit(static_cast<unsigned char>(peek()))) a.step = a.step * 10 + (s_[pos_++] - '0');
      }
    } else if (c == '$') {
      a.kind = Address::Kind::Last;
      ++pos_;
    } else if (c == '/' || c == '\\') {
      char delim = '/';
      if (c == '\\') {
        ++pos_;
        delim = peek();
      }
      ++pos_;
      const std::string re = delimited(delim, "address regex");
      bool icase = false;
      if (peek() == 'I') {
        icase = true;
        ++pos_;
      }
      a.kind = Address::Kind::Regex;
      a.re = compile(re, icase);
    }
    skip_spaces();
    return a;
  }

  void substitute(SedCommand& c) {
    if (pos_ >= s_.size()) fail("unterminated `s' command");
    const char delim = s_[pos_++];
    const std::string re = delimited(delim, "`s' command");
    std::string rep;
    while (pos_ < s_.size() && s_[pos_] != delim) {
      if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) {
        rep.append(s_[pos_ + 1] == delim ? std::string(1, delim) : std::string(s_.substr(pos_, 2)));
        pos_ += 2;
        continue;
      }
      rep += s_[pos_++];
    }
    if (pos_ >= s_.size()) fail("unterminated `s' command");
    ++pos_;
    bool icase = false;
    while (pos_ < s_.size() && !std::strchr(";\n} \t", s_[pos_])) {
      const char f = s_[pos_];
      if (f == 'g') c.global = true;
      else if (f == 'p') c.print = true;
      else if (f == 'i' || f == 'I') icase = true;
      else if (std::isdigit(static_cast<unsigned char>(f))) {
        c.occurrence = 0;
        while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) c.occurrence = c.occurrence * 10 + (s_[pos_++] - '0');
        continue;
      } else fail("unknown option to `s'");
      ++pos_;
    }
    c.re = compile(re, icase);
    c.replacement = rep;
  }

  void transliterate(SedCommand& c) {
    if (pos_ >= s_.size()) fail("unterminated `y' command");
    const char delim = s_[pos_++];
    c.from = delimited(delim, "`y' command");
    c.to = delimited(delim, "`y' command");
    if (c.from.size() != c.to.size()) fail("strings for `y' command are different lengths");
  }

  // The text of a, i, c: "a text", "a\text", or "a\" newline lines joined by "\".
  std::string text() {
    skip_spaces();
    if (peek() == '\\') {
      ++pos_;
      std::size_t after = pos_;
      while (after < s_.size() && (s_[after] == ' ' || s_[after] == '\t')) ++after;
      if (after < s_.size() && s_[after] == '\n') pos_ = after + 1;  // "a\" newline: the text follows
    }
    std::string out;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '\\' && pos_ + 1 < s_.size()) {
        out += s_[pos_ + 1];
        pos_ += 2;
        continue;
      }
      if (c == '\n') break;
      out += c;
      ++pos_;
    }
    return out;
  }

  std::string_view s_;
  bool extended_;
  std::size_t pos_ = 0;
};

// ---- 2. the cycle ---------------------------------------------------------------------------
std::string expand_replacement(const std::string& rep, const std::smatch& m) {
  std::string out;
  for (std::size_t i = 0; i < rep.size(); ++i) {
    const char c = rep[i];
    if (c == '&') {
      out += m.str(0);
    } else if (c == '\\' && i + 1 < rep.size()) {
      const char n = rep[++i];
      if (std::isdigit(static_cast<unsigned char>(n))) out += m.str(n - '0');
      else if (n == 'n') out += '\n';
      else if (n == 't') out += '\t';
      else out += n;
    } else {
      out += c;
    }
  }
  return out;
}

// s///: true when a substitution was made.
bool substitute(const SedCommand& c, std::string& line) {
  std::string out;
  long n = 0;
  bool done = false;
  auto begin = line.cbegin();
  const auto end = line.cend();
  std::smatch m;
  auto flags = std::regex_constants::match_default;
  bool after_match = false;  // an empty match right after a match does not count (GNU)
  while (std::regex_search(begin, end, m, c.re, flags)) {
    if (m.length(0) == 0 && after_match && m[0].first == begin) {
      after_match = false;
      if (begin == end) break;
      out += *begin++;
      flags |= std::regex_constants::match_prev_avail | std::regex_constants::match_not_bol;
      continue;
    }
    after_match = m.length(0) > 0;
    ++n;
    const bool take = n == c.occurrence || (c.global && n >= c.occurrence);
    out.append(begin, m[0].first);
    if (take) {
      out += expand_replacement(c.replacement, m);
      done = true;
    } else {
      out.append(m[0].first, m[0].second);
    }
    begin = m[0].second;
    if (m.length(0) == 0) {
      if (begin == end) break;
      out += *begin++;
    }
    if (!c.global && done) break;
    flags |= std::regex_constants::match_prev_avail | std::regex_constants::match_not_bol;
  }
  if (!done) return false;
  out.append(begin, end);
  line = out;
  return true;
}

struct Stream {
  const std::vector<std::string>& lines;
  bool quiet;
  std::string out;
  bool quit = false;
};

bool matches(const Address& a, long line_no, bool last, const std::string& line) {
  switch (a.kind) {
    case Address::Kind::None: return true;
    case Address::Kind::Line: return line_no == a.line;
    case Address::Kind::Plus: return false;
    case Address::Kind::Step: return a.step <= 0 ? line_no == a.line : line_no >= a.line && (line_no - a.line) % a.step == 0;
    case Address::Kind::Last: return last;
    case Address::Kind::Regex: return std::regex_search(line, a.re);
  }
  return false;
}

bool selected(SedCommand& c, long line_no, bool last, const std::string& line) {
  bool hit;
  if (c.a2.kind == Address::Kind::None) {
    hit = matches(c.a1, line_no, last, line);
  } else if (c.active) {
    hit = true;
    const bool end = c.a2.kind == Address::Kind::Line ? line_no >= c.a2.line
                   : c.a2.kind == Address::Kind::Plus ? line_no >= c.range_end_line
                                                       : matches(c.a2, line_no, last, line);
    if (end) c.active = false;
  } else {
    hit = matches(c.a1, line_no, last, line);
    c.range_end_line = line_no + c.a2.step;
    if (hit)
      c.active = !(c.a2.kind == Address::Kind::Line && c.a2.line <= line_no) && !(c.a2.kind == Address::Kind::Last && last) &&
                 !(c.a2.kind == Address::Kind::Plus && c.a2.step == 0);
  }
  return hit != c.negate;
}

// Runs the script over lines; the output as sed writes it.
std::string run_script(std::vector<SedCommand>& script, const std::vector<std::string>& lines, bool quiet,
                       bool& quit) {
  std::string out;
  std::string hold;
  for (auto& c : script) c.active = false;
  std::size_t ln = 0;  // lines read so far
  std::string ps;
  bool carry = false;  // D: restart the cycle on what is left, without reading
  while (!quit && (carry || ln < lines.size())) {
    if (!carry) ps = lines[ln++];
    carry = false;
    std::string appended;
    bool deleted = false, autoprint = !quiet;
    for (std::size_t k = 0; k < script.size(); ++k) {
      SedCommand& c = script[k];
      if (c.cmd == '}') continue;
      const bool last = ln == lines.size();
      if (!selected(c, static_cast<long>(ln), last, ps)) {
        if (c.cmd == '{') k = c.block_end;
        continue;
      }
      switch (c.cmd) {
        case 's':
          if (substitute(c, ps) && c.print) out += ps + "\n";
          break;
        case 'y':
          for (auto& ch : ps)
            if (auto p = c.from.find(ch); p != std::string::npos) ch = c.to[p];
          break;
        case 'p': out += ps + "\n"; break;
        case 'P': out += ps.substr(0, ps.find('\n')) + "\n"; break;
        case 'd': deleted = true; break;
        case 'D':
          deleted = true;
          if (auto nl = ps.find('\n'); nl != std::string::npos) {
            ps.erase(0, nl + 1);
            carry = true;
          }
          break;
        case '=': out += std::to_string(ln) + "\n"; break;
        case 'a': appended += c.text + "\n"; break;
        case 'i': out += c.text + "\n"; break;
        case 'c':
          deleted = true;
          if (!c.active) out += c.text + "\n";
          break;
        case 'h': hold = ps; break;
        case 'H': hold += "\n" + ps; break;
        case 'g': ps = hold; break;
        case 'G': ps += "\n" + hold; break;
        case 'x': std::swap(ps, hold); break;
        case 'n':
        case 'N':
          if (ln >= lines.size()) {  // no next line: GNU ends here (printing unless -n)
            quit = true;
            break;
          }
          if (c.cmd == 'n') {
            if (autoprint) out += ps + "\n";
            out += appended;
            appended.clear();
            ps = lines[ln++];
          } else {
            ps += "\n" + lines[ln++];
          }
          break;
        case 'q': quit = true; break;
        case 'Q':
          quit = true;
          autoprint = false;
          break;
        default: break;
      }
      if (deleted || quit) break;
    }
    if (!deleted && autoprint) out += ps + "\n";
    out += appended;
  }
  return out;
}

int sed(Invocation& inv) {
  bool quiet = false, in_place = false, extended = false;
  std::string script_text;
  bool have_script = false;
  std::vector<std::string> files;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (a == "-e" || a == "--expression") {
      if (i + 1 >= inv.argv.size()) return inv.fail("sed: option requires an argument -- 'e'\n");
      script_text += (have_script ? "\n" : "") + inv.argv[++i];
      have_script = true;
    } else if (a == "--in-place" || a.rfind("--in-place=", 0) == 0) {
      in_place = true;
    } else if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
      for (std::size_t k = 1; k < a.size(); ++k) {
        const char f = a[k];
        if (f == 'n') quiet = true;
        else if (f == 'r' || f == 'E') extended = true;
        else if (f == 's' || f == 'u') continue;
        else if (f == 'i') {
          in_place = true;
          break;  // the rest is the backup suffix
        } else if (f == 'e') {
          if (k + 1 < a.size()) script_text += (have_script ? "\n" : "") + a.substr(k + 1);
          else if (i + 1 < inv.argv.size()) script_text += (have_script ? "\n" : "") + inv.argv[++i];
          have_script = true;
          break;
        } else {
          return inv.fail("sed: invalid option -- '" + std::string(1, f) +
                          "'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n");
        }
      }
    } else if (!have_script) {
      script_text = a;
      have_script = true;
    } else {
      files.push_back(a);
    }
  }
  if (!have_script) return inv.fail("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n");
  std::vector<SedCommand> script;
  try {
    script = ScriptParser(script_text, extended).parse();
  } catch (const SedError& e) {
    return inv.fail("sed: -e expression #1, " + e.message + "\n");
  }
  if (in_place && files.empty()) return inv.fail("sed: no input files\n", 1);
  int status = 0;
  bool quit = false;
  if (in_place) {
    for (const auto& f : files) {
      auto rd = inv.fs().read(f);
      if (!rd.data) {
        inv.err(rd.error == "Is a directory" ? "sed: couldn't edit " + f + ": not a regular file\n"
                                             : "sed: can't read " + f + ": " + rd.error + "\n");
        status = 2;
        continue;
      }
      quit = false;
      inv.fs().write(f, run_script(script, split_lines(*rd.data), quiet, quit), false);
    }
    return status;
  }
  std::vector<std::string> lines;
  if (files.empty()) {
    lines = split_lines(inv.input());
  } else {
    for (const auto& f : files) {
      auto rd = f == "-" ? FileSystem::ReadResult{inv.input(), ""} : inv.fs().read(f);
      if (!rd.data) {
        inv.err(rd.error == "Is a directory" ? "sed: read error on " + f + ": Is a directory\n"
                                             : "sed: can't read " + f + ": " + rd.error + "\n");
        status = 2;
        continue;
      }
      auto l = split_lines(*rd.data);
      lines.insert(lines.end(), l.begin(), l.end());
    }
  }
  inv.out(run_script(script, lines, quiet, quit));
  return status;
}

}  // namespace

void register_sed(CommandTable& t) { t["sed"] = {sed, "/usr/bin/sed"}; }

}  // namespace kt::term
