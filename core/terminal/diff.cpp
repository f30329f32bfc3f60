// GNU diffutils 3.x `diff` on the host's files: the normal format, -u/-U N (unified,
// with the files' modification times in its headers), -N (a missing file is empty),
// -r (recursing into directories; without it, directories compare their files one
// level down and report subdirectories), -q. Exit status 0 (same), 1 (different),
// 2 (trouble). The edit script is a longest common subsequence with deletions before
// insertions in each change, which is what GNU diff prints for the files kubectl
// diff compares (YAML documents).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "core/terminal/shell_state.h"
#include "core/util/timefmt.h"

namespace kt::term {
namespace {

struct Line {
  std::string text;
  bool newline = true;
  bool operator==(const Line& o) const { return text == o.text && newline == o.newline; }
};

std::vector<Line> split_lines(const std::string& data) {
  std::vector<Line> out;
  std::size_t start = 0;
  while (start < data.size()) {
    const auto nl = data.find('\n', start);
    if (nl == std::string::npos) {
      out.push_back({data.substr(start), false});
      break;
    }
    out.push_back({data.substr(start, nl - start), true});
    start = nl + 1;
  }
  return out;
}

enum class Op { Keep, Del, Ins };
struct Edit {
  Op op;
  std::size_t a, b;  // line indexes in the old and the new file (where the edit stands)
};

// The edit script of a longest common subsequence; in each run of changes the
// deletions come first.
std::vector<Edit> edit_script(const std::vector<Line>& a, const std::vector<Line>& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<Edit> out;
  std::size_t i = 0, j = 0;
  std::vector<Edit> dels, ins;
  auto flush = [&] {
    out.insert(out.end(), dels.begin(), dels.end());
    out.insert(out.end(), ins.begin(), ins.end());
    dels.clear();
    ins.clear();
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j] && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
      flush();
      out.push_back({Op::Keep, i++, j++});
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      dels.push_back({Op::Del, i++, j});
    } else {
      ins.push_back({Op::Ins, i, j++});
    }
  }
  flush();
  return out;
}

std::string range(std::size_t start, std::size_t count, bool unified) {
  // Unified: "3,4", "3" for one line, "2,0" (the line before) for none.
  if (unified) {
    if (count == 1) return std::to_string(start + 1);
    return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
  }
  if (count <= 1) return std::to_string(count == 0 ? start : start + 1);
  return std::to_string(start + 1) + "," + std::to_string(start + count);
}

void emit(std::string& out, char mark, const Line& l) {
  out += mark;
  out += l.text + "\n";
  if (!l.newline) out += "\\ No newline at end of file\n";
}

std::string unified(const std::vector<Line>& a, const std::vector<Line>& b, const std::vector<Edit>& es,
                    std::size_t context) {
  std::string out;
  std::size_t k = 0;
  while (k < es.size()) {
    while (k < es.size() && es[k].op == Op::Keep) ++k;
    if (k == es.size()) break;
    // A hunk: from `context` lines before the first change to `context` after the
    // last change that lies within 2*context kept lines of the one before.
    std::size_t first = k >= context ? k - context : 0;
    std::size_t last = k, e = k;
    while (e < es.size()) {
      if (es[e].op != Op::Keep) {
        last = e;
        ++e;
        continue;
      }
      std::size_t run = e;
      while (run < es.size() && es[run].op == Op::Keep) ++run;
      if (run == es.size() || run - e > 2 * context) break;
      e = run;
    }
    const std::size_t end = std::min(es.size(), last + 1 + context);
    std::size_t a0 = es[first].a, b0 = es[first].b, na = 0, nb = 0;
    for (std::size_t x = first; x < end; ++x) {
      if (es[x].op != Op::Ins) ++na;
      if (es[x].op != Op::Del) ++nb;
    }
    out += "@@ -" + range(a0, na, true) + " +" + range(b0, nb, true) + " @@\n";
    for (std::size_t x = first; x < end; ++x) {
      if (es[x].op == Op::Keep) emit(out, ' ', a[es[x].a]);
      else if (es[x].op == Op::Del) emit(out, '-', a[es[x].a]);
      else emit(out, '+', b[es[x].b]);
    }
    k = end;
  }
  return out;
}

std::string normal(const std::vector<Line>& a, const std::vector<Line>& b, const std::vector<Edit>& es) {
  std::string out;
  std::size_t k = 0;
  while (k < es.size()) {
    if (es[k].op == Op::Keep) {
      ++k;
      continue;
    }
    const std::size_t a0 = es[k].a, b0 = es[k].b;
    std::size_t na = 0, nb = 0;
    std::size_t e = k;
    for (; e < es.size() && es[e].op != Op::Keep; ++e) (es[e].op == Op::Del ? na : nb)++;
    const char kind = na && nb ? 'c' : na ? 'd' : 'a';
    out += range(a0, na, false) + kind + range(b0, nb, false) + "\n";
    for (std::size_t x = k; x < e; ++x)
      if (es[x].op == Op::Del) {
        out += "< " + a[es[x].a].text + "\n";
        if (!a[es[x].a].newline) out += "\\ No newline at end of file\n";
      }
    if (na && nb) out += "---\n";
    for (std::size_t x = k; x < e; ++x)
      if (es[x].op == Op::Ins) {
        out += "> " + b[es[x].b].text + "\n";
        if (!b[es[x].b].newline) out += "\\ No newline at end of file\n";
      }
    k = e;
  }
  return out;
}

struct Options {
  bool unified = false, new_file = false, recursive = false, brief = false;
  std::size_t context = 3;
  std::string switches;  // as given, for the "diff -u -N -r a b" lines of directory diffs
};

// "2026-11-22 23:01:54.335647000 +0000": the file's mtime; the epoch for a missing one.
std::string stamp(Invocation& inv, const std::string& path, bool exists) {
  sim::Time t{0};
  if (exists)
    if (auto st = inv.fs().stat(path)) t = st->mtime;
  const auto c = util::civil_from_time(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d %02d:%02d:%02d.%06d000 +0000", static_cast<long long>(c.year),
                c.month, c.day, c.hour, c.minute, c.second, c.micros);
  return buf;
}

// Compares two regular files (either may be missing under -N); 0, 1 or 2.
int diff_files(Invocation& inv, const Options& o, const std::string& p1, const std::string& p2, bool header_line) {
  MemoryFs& fs = inv.fs();
  const bool e1 = fs.exists(p1), e2 = fs.exists(p2);
  std::string d1, d2;
  if (e1) d1 = fs.read(p1).data.value_or("");
  if (e2) d2 = fs.read(p2).data.value_or("");
  if (d1 == d2) return 0;
  if (o.brief) {
    inv.out("Files " + p1 + " and " + p2 + " differ\n");
    return 1;
  }
  const auto a = split_lines(d1), b = split_lines(d2);
  const auto es = edit_script(a, b);
  std::string out;
  if (header_line) out += "diff" + o.switches + " " + p1 + " " + p2 + "\n";
  if (o.unified) {
    out += "--- " + p1 + "\t" + stamp(inv, p1, e1) + "\n";
    out += "+++ " + p2 + "\t" + stamp(inv, p2, e2) + "\n";
    out += unified(a, b, es, o.context);
  } else {
    out += normal(a, b, es);
  }
  inv.out(out);
  return 1;
}

int diff_dirs(Invocation& inv, const Options& o, const std::string& d1, const std::string& d2) {
  MemoryFs& fs = inv.fs();
  std::set<std::string> names;
  for (const auto& n : fs.list(d1)) names.insert(n);
  for (const auto& n : fs.list(d2)) names.insert(n);
  int status = 0;
  for (const auto& n : names) {
    const std::string p1 = d1 + "/" + n, p2 = d2 + "/" + n;
    const bool e1 = fs.exists(p1), e2 = fs.exists(p2);
    const bool dir1 = e1 && fs.is_dir(p1), dir2 = e2 && fs.is_dir(p2);
    int s = 0;
    if (e1 && e2 && dir1 && dir2) {
      if (o.recursive) s = diff_dirs(inv, o, p1, p2);
      else inv.out("Common subdirectories: " + p1 + " and " + p2 + "\n");
    } else if ((!e1 || !e2) && !o.new_file) {
      inv.out("Only in " + (e1 ? d1 : d2) + ": " + n + "\n");
      s = 1;
    } else if (dir1 || dir2) {
      if (!e1 || !e2) {
        if (o.recursive) s = diff_dirs(inv, o, p1, p2);
        else inv.out("Only in " + (e1 ? d1 : d2) + ": " + n + "\n"), s = 1;
      } else {
        inv.out("File " + (dir1 ? p1 : p2) + " is a directory while file " + (dir1 ? p2 : p1) + " is a regular file\n");
        s = 1;
      }
    } else {
      s = diff_files(inv, o, p1, p2, true);
    }
    status = std::max(status, s);
  }
  return status;
}

int diff(Invocation& inv) {
  Options o;
  std::vector<std::string> operands;
  bool only_operands = false;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (only_operands || a.size() < 2 || a[0] != '-') {
      operands.push_back(a);
      continue;
    }
    if (a == "--") {
      only_operands = true;
      continue;
    }
    o.switches += " " + a;
    if (a == "--unified") o.unified = true;
    else if (a == "--new-file") o.new_file = true;
    else if (a == "--recursive") o.recursive = true;
    else if (a == "--brief") o.brief = true;
    else if (a.rfind("--", 0) == 0)
      return inv.fail("diff: unrecognized option '" + a + "'\ndiff: Try 'diff --help' for more information.\n", 2);
    else if (a.rfind("-U", 0) == 0) {
      std::string n = a.substr(2);
      if (n.empty() && i + 1 < inv.argv.size()) {
        n = inv.argv[++i];
        o.switches += " " + n;
      }
      if (n.empty() || !std::all_of(n.begin(), n.end(), ::isdigit))
        return inv.fail("diff: invalid context length '" + n + "'\ndiff: Try 'diff --help' for more information.\n", 2);
      o.unified = true;
      o.context = static_cast<std::size_t>(std::stoul(n));
    } else {
      for (char c : a.substr(1)) {
        if (c == 'u') o.unified = true;
        else if (c == 'N') o.new_file = true;
        else if (c == 'r') o.recursive = true;
        else if (c == 'q') o.brief = true;
        else
          return inv.fail(std::string("diff: invalid option -- '") + c +
                              "'\ndiff: Try 'diff --help' for more information.\n",
                          2);
      }
    }
  }
  if (operands.empty()) return inv.fail("diff: missing operand after 'diff'\ndiff: Try 'diff --help' for more information.\n", 2);
  if (operands.size() == 1)
    return inv.fail("diff: missing operand after '" + operands[0] + "'\ndiff: Try 'diff --help' for more information.\n", 2);
  if (operands.size() > 2)
    return inv.fail("diff: extra operand '" + operands[2] + "'\ndiff: Try 'diff --help' for more information.\n", 2);
  MemoryFs& fs = inv.fs();
  std::string p1 = operands[0], p2 = operands[1];
  bool e1 = fs.exists(p1), e2 = fs.exists(p2);
  for (const auto* p : {&p1, &p2})
    if (!fs.exists(*p) && !(o.new_file && fs.exists(p == &p1 ? p2 : p1)))
      return inv.fail("diff: " + *p + ": No such file or directory\n", 2);
  const bool dir1 = e1 && fs.is_dir(p1), dir2 = e2 && fs.is_dir(p2);
  if (dir1 && dir2) return diff_dirs(inv, o, p1, p2);
  // A directory and a file: the file of the same name inside the directory.
  if (dir1) p1 += "/" + p2.substr(p2.rfind('/') + 1);
  if (dir2) p2 += "/" + p1.substr(p1.rfind('/') + 1);
  e1 = fs.exists(p1);
  e2 = fs.exists(p2);
  if (!e1 && !o.new_file) return inv.fail("diff: " + p1 + ": No such file or directory\n", 2);
  if (!e2 && !o.new_file) return inv.fail("diff: " + p2 + ": No such file or directory\n", 2);
  return diff_files(inv, o, p1, p2, false);
}

}  // namespace

void register_diff(CommandTable& t) { t["diff"] = {diff, "/usr/bin/diff"}; }

}  // namespace kt::term
