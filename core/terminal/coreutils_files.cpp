// File commands of GNU coreutils 9 on the host's filesystem: ls (-l -a -A -1 -d),
// cp (-r), mv, rm (-r -f), mkdir (-p), chmod (octal and u+x style), chown, touch.
// Messages are coreutils' own ("ls: cannot access 'x': No such file or directory").
#include <algorithm>
#include <cctype>
#include <functional>

#include "core/terminal/shell_state.h"
#include "core/util/timefmt.h"

namespace kt::term {
namespace {

using Args = std::vector<std::string>;

// Short options (-la) and operands; false (after printing coreutils' message) on an
// unknown option.
bool parse_flags(Invocation& inv, std::string_view allowed, std::string& flags, Args& operands) {
  bool only_operands = false;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (only_operands || a.size() < 2 || a[0] != '-') {
      operands.push_back(a);
    } else if (a == "--") {
      only_operands = true;
    } else if (a.rfind("--", 0) == 0) {
      if (a == "--recursive") flags += 'r';
      else if (a == "--force") flags += 'f';
      else if (a == "--parents") flags += 'p';
      else if (a == "--all") flags += 'a';
      else {
        inv.err(inv.argv[0] + ": unrecognized option '" + a + "'\nTry '" + inv.argv[0] + " --help' for more information.\n");
        return false;
      }
    } else {
      for (char c : a.substr(1)) {
        if (allowed.find(c) == std::string_view::npos) {
          inv.err(inv.argv[0] + ": invalid option -- '" + std::string(1, c) + "'\nTry '" + inv.argv[0] +
                  " --help' for more information.\n");
          return false;
        }
        flags += c;
      }
    }
  }
  return true;
}

bool has(const std::string& flags, char c) { return flags.find(c) != std::string::npos; }

// en_US.UTF-8 collation as ls sorts: case and punctuation matter last.
bool collate_less(const std::string& a, const std::string& b) {
  auto key = [](const std::string& s) {
    std::string k;
    for (char c : s)
      if (std::isalnum(static_cast<unsigned char>(c))) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return k;
  };
  const std::string ka = key(a), kb = key(b);
  if (ka != kb) return ka < kb;
  return a < b;
}

std::string mode_string(const MemoryFs::Stat& st) {
  std::string s = st.dir ? "d" : "-";
  const char* rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; ++i) s += (st.mode & (0400 >> i)) ? rwx[i] : '-';
  if (st.mode & 01000) s[9] = (st.mode & 01) ? 't' : 'T';
  return s;
}

std::string ls_time(sim::Time t, sim::Time now) {
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const util::CivilTime c = util::civil_from_time(t);
  char buf[32];
  const bool recent = (now - t).us < sim::hours(24 * 182).us && t <= now + sim::hours(1);
  if (recent) std::snprintf(buf, sizeof buf, "%s %2d %02d:%02d", months[c.month - 1], c.day, c.hour, c.minute);
  else std::snprintf(buf, sizeof buf, "%s %2d  %lld", months[c.month - 1], c.day, static_cast<long long>(c.year));
  return buf;
}

// Names in columns down the screen, as ls -C does for an 80-column terminal.
std::string columns(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  const std::size_t n = names.size();
  for (std::size_t cols = n; cols >= 1; --cols) {
    const std::size_t rows = (n + cols - 1) / cols;
    if ((rows - 1) * cols >= n && cols > 1) continue;
    std::vector<std::size_t> width(cols, 0);
    for (std::size_t i = 0; i < n; ++i) width[i / rows] = std::max(width[i / rows], names[i].size());
    std::size_t total = 0;
    for (std::size_t c = 0; c < cols; ++c) total += width[c] + (c + 1 < cols ? 2 : 0);
    if (total > 80 && cols > 1) continue;
    std::string out;
    for (std::size_t r = 0; r < rows; ++r) {
      std::string line;
      for (std::size_t c = 0; c < cols; ++c) {
        const std::size_t i = c * rows + r;
        if (i >= n) break;
        line += names[i];
        if ((c + 1) * rows + r < n) line += std::string(width[c] + 2 - names[i].size(), ' ');
      }
      out += line + "\n";
    }
    return out;
  }
  return "";
}

int ls(Invocation& inv) {
  std::string flags;
  Args operands;
  if (!parse_flags(inv, "laA1dhrtR", flags, operands)) return 2;
  const bool all = has(flags, 'a'), almost = has(flags, 'A'), lng = has(flags, 'l'), dir_itself = has(flags, 'd');
  const bool one = has(flags, '1') || !inv.to_terminal();
  MemoryFs& fs = inv.fs();
  const sim::Time now = inv.sh.now();
  int status = 0;
  if (operands.empty()) operands.push_back(".");

  auto render = [&](const std::vector<std::pair<std::string, std::string>>& entries, bool with_total) {
    // entries: (shown name, path)
    std::string out;
    if (!lng) {
      std::vector<std::string> names;
      for (const auto& e : entries) names.push_back(e.first);
      if (one) {
        for (const auto& n : names) out += n + "\n";
      } else {
        out += columns(names);
      }
      return out;
    }
    std::size_t links_w = 1, size_w = 1, blocks = 0;
    std::vector<MemoryFs::Stat> stats;
    std::vector<std::size_t> links;
    for (const auto& e : entries) {
      auto st = fs.stat(e.second).value_or(MemoryFs::Stat{});
      std::size_t nl = 1;
      if (st.dir) {
        nl = 2;
        for (const auto& c : fs.list(e.second))
          if (fs.is_dir(e.second + "/" + c)) ++nl;
      }
      stats.push_back(st);
      links.push_back(nl);
      links_w = std::max(links_w, std::to_string(nl).size());
      size_w = std::max(size_w, std::to_string(st.size).size());
      blocks += (st.size + 4095) / 4096 * 4;
    }
    if (with_total) out += "total " + std::to_string(blocks) + "\n";
    for (std::size_t i = 0; i < entries.size(); ++i) {
      std::string l = std::to_string(links[i]), sz = std::to_string(stats[i].size);
      out += mode_string(stats[i]) + ". " + std::string(links_w - l.size(), ' ') + l + " root root " +
             std::string(size_w - sz.size(), ' ') + sz + " " + ls_time(stats[i].mtime, now) + " " + entries[i].first + "\n";
    }
    return out;
  };

  std::vector<std::pair<std::string, std::string>> files;
  std::vector<std::string> dirs;
  std::vector<std::string> missing;
  std::sort(operands.begin(), operands.end(), collate_less);
  for (const auto& op : operands) {
    auto st = fs.stat(op);
    if (!st) {
      inv.err("ls: cannot access '" + op + "': No such file or directory\n");
      status = 2;
    } else if (st->dir && !dir_itself) {
      dirs.push_back(op);
    } else {
      files.emplace_back(op, op);
    }
  }
  std::string out = render(files, false);
  for (std::size_t d = 0; d < dirs.size(); ++d) {
    if (!out.empty()) out += "\n";
    if (operands.size() > 1 || status) out += dirs[d] + ":\n";
    std::vector<std::string> names = fs.list(dirs[d]);
    if (all) {
      names.push_back(".");
      names.push_back("..");
    }
    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto& n : names)
      if (all || (n[0] != '.') || (almost && n != "." && n != ".."))
        entries.emplace_back(n, dirs[d] + "/" + n);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      if (a.first == "." || b.first == ".") return a.first == "." && b.first != ".";
      if (a.first == ".." || b.first == "..") return a.first == ".." && b.first != "..";
      return collate_less(a.first, b.first);
    });
    out += render(entries, true);
  }
  inv.out(out);
  return status;
}

int mkdir(Invocation& inv) {
  std::string flags;
  Args ops;
  if (!parse_flags(inv, "pv", flags, ops)) return 1;
  if (ops.empty()) return inv.fail("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
  int status = 0;
  for (const auto& d : ops) {
    if (auto err = inv.fs().mkdir(d, has(flags, 'p')); !err.empty()) {
      inv.err("mkdir: cannot create directory \xe2\x80\x98" + d + "\xe2\x80\x99: " + err + "\n");
      status = 1;
    }
  }
  return status;
}

int touch(Invocation& inv) {
  std::string flags;
  Args ops;
  if (!parse_flags(inv, "acm", flags, ops)) return 1;
  if (ops.empty()) return inv.fail("touch: missing file operand\nTry 'touch --help' for more information.\n");
  int status = 0;
  for (const auto& f : ops)
    if (auto err = inv.fs().touch(f); !err.empty()) {
      inv.err("touch: cannot touch '" + f + "': " + err + "\n");
      status = 1;
    }
  return status;
}

int rm(Invocation& inv) {
  std::string flags;
  Args ops;
  if (!parse_flags(inv, "rRfiv", flags, ops)) return 1;
  const bool force = has(flags, 'f'), recursive = has(flags, 'r') || has(flags, 'R');
  if (ops.empty()) {
    if (force) return 0;
    return inv.fail("rm: missing operand\nTry 'rm --help' for more information.\n");
  }
  int status = 0;
  for (const auto& f : ops) {
    if (recursive && inv.fs().absolute(f) == "/") {
      inv.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
      status = 1;
      continue;
    }
    if (!inv.fs().exists(f)) {
      if (!force) {
        inv.err("rm: cannot remove '" + f + "': No such file or directory\n");
        status = 1;
      }
      continue;
    }
    if (auto err = inv.fs().remove(f, recursive); !err.empty()) {
      inv.err("rm: cannot remove '" + f + "': " + err + "\n");
      status = 1;
    }
  }
  return status;
}

// Copies src (a file, or with recursive a tree) to the path dst.
std::string copy_tree(MemoryFs& fs, const std::string& src, const std::string& dst) {
  if (!fs.is_dir(src)) {
    auto rd = fs.read(src);
    if (!rd.data) return rd.error;
    return fs.write(dst, *rd.data, false);
  }
  if (!fs.is_dir(dst))
    if (auto err = fs.mkdir(dst, false); !err.empty()) return err;
  for (const auto& c : fs.list(src))
    if (auto err = copy_tree(fs, src + "/" + c, dst + "/" + c); !err.empty()) return err;
  return "";
}

// cp and mv: SOURCE DEST, or SOURCE... DIRECTORY.
int copy_or_move(Invocation& inv, bool move) {
  const std::string cmd = inv.argv[0];
  std::string flags;
  Args ops;
  if (!parse_flags(inv, move ? "fiv" : "rRfiapv", flags, ops)) return 1;
  if (ops.empty()) return inv.fail(cmd + ": missing file operand\nTry '" + cmd + " --help' for more information.\n");
  if (ops.size() == 1)
    return inv.fail(cmd + ": missing destination file operand after '" + ops[0] + "'\nTry '" + cmd +
                    " --help' for more information.\n");
  MemoryFs& fs = inv.fs();
  const std::string dest = ops.back();
  ops.pop_back();
  const bool into_dir = fs.is_dir(dest);
  if (ops.size() > 1 && !into_dir) return inv.fail(cmd + ": target '" + dest + "': Not a directory\n");
  const bool recursive = has(flags, 'r') || has(flags, 'R') || has(flags, 'a');
  int status = 0;
  for (const auto& src : ops) {
    if (!fs.exists(src)) {
      inv.err(cmd + ": cannot stat '" + src + "': No such file or directory\n");
      status = 1;
      continue;
    }
    const std::string target = into_dir ? fs.absolute(dest) + "/" + basename_of(src) : dest;
    std::string err;
    if (move) {
      err = fs.rename(src, target);
    } else if (fs.is_dir(src) && !recursive) {
      inv.err("cp: -r not specified; omitting directory '" + src + "'\n");
      status = 1;
      continue;
    } else {
      err = copy_tree(fs, src, target);
    }
    if (!err.empty()) {
      inv.err(cmd + (move ? ": cannot move '" + src + "' to '" : ": cannot create regular file '") + target + "': " + err + "\n");
      status = 1;
    }
  }
  return status;
}

int cp(Invocation& inv) { return copy_or_move(inv, false); }
int mv(Invocation& inv) { return copy_or_move(inv, true); }

// chmod MODE FILE...: octal (644) or symbolic ([ugoa]*[+-=][rwx]*, comma separated).
int chmod(Invocation& inv) {
  Args ops;
  bool recursive = false;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    if (inv.argv[i] == "-R") recursive = true;
    else ops.push_back(inv.argv[i]);
  }
  if (ops.empty()) return inv.fail("chmod: missing operand\nTry 'chmod --help' for more information.\n");
  if (ops.size() == 1) return inv.fail("chmod: missing operand after '" + ops[0] + "'\nTry 'chmod --help' for more information.\n");
  const std::string mode = ops[0];
  auto apply = [&](int old) -> int {
    if (mode.find_first_not_of("01234567") == std::string::npos) return std::stoi(mode, nullptr, 8);
    int m = old;
    std::size_t i = 0;
    while (i < mode.size()) {
      int who = 0;
      for (; i < mode.size() && std::string_view("ugoa").find(mode[i]) != std::string_view::npos; ++i)
        who |= mode[i] == 'u' ? 0700 : mode[i] == 'g' ? 070 : mode[i] == 'o' ? 07 : 0777;
      if (i >= mode.size()) return -1;
      const char op = mode[i++];
      if (op != '+' && op != '-' && op != '=') return -1;
      int bits = 0;
      for (; i < mode.size() && mode[i] != ','; ++i) {
        if (mode[i] == 'r') bits |= 0444;
        else if (mode[i] == 'w') bits |= 0222;
        else if (mode[i] == 'x') bits |= 0111;
        else return -1;
      }
      if (who == 0) who = (op == '+' && bits == 0222) ? 0200 : 0777;  // umask 022 hides w for g and o
      bits &= who;
      if (op == '+') m |= bits;
      else if (op == '-') m &= ~bits;
      else m = (m & ~who) | bits;
      if (i < mode.size()) ++i;  // ','
    }
    return m;
  };
  if (apply(0644) < 0) return inv.fail("chmod: invalid mode: '" + mode + "'\nTry 'chmod --help' for more information.\n");
  int status = 0;
  for (std::size_t k = 1; k < ops.size(); ++k) {
    auto st = inv.fs().stat(ops[k]);
    if (!st) {
      inv.err("chmod: cannot access '" + ops[k] + "': No such file or directory\n");
      status = 1;
      continue;
    }
    std::function<void(const std::string&)> walk = [&](const std::string& path) {
      auto s = inv.fs().stat(path);
      inv.fs().chmod(path, (s->mode & 01000) | apply(s->mode & 0777));
      if (recursive && s->dir)
        for (const auto& c : inv.fs().list(path)) walk(inv.fs().absolute(path) + "/" + c);
    };
    walk(ops[k]);
  }
  return status;
}

// chown OWNER[:GROUP] FILE...: every file already belongs to root, the only user.
int chown(Invocation& inv) {
  Args ops;
  for (std::size_t i = 1; i < inv.argv.size(); ++i)
    if (inv.argv[i][0] != '-') ops.push_back(inv.argv[i]);
  if (ops.empty()) return inv.fail("chown: missing operand\nTry 'chown --help' for more information.\n");
  if (ops.size() == 1) return inv.fail("chown: missing operand after '" + ops[0] + "'\nTry 'chown --help' for more information.\n");
  const std::string owner = ops[0].substr(0, ops[0].find_first_of(":."));
  const std::string group = ops[0].find_first_of(":.") == std::string::npos ? "" : ops[0].substr(ops[0].find_first_of(":.") + 1);
  if (owner != "root" && owner != "0" && !owner.empty()) return inv.fail("chown: invalid user: '" + ops[0] + "'\n");
  if (group != "root" && group != "0" && !group.empty()) return inv.fail("chown: invalid group: '" + ops[0] + "'\n");
  int status = 0;
  for (std::size_t k = 1; k < ops.size(); ++k)
    if (!inv.fs().exists(ops[k])) {
      inv.err("chown: cannot access '" + ops[k] + "': No such file or directory\n");
      status = 1;
    }
  return status;
}

}  // namespace

void register_file_commands(CommandTable& t) {
  for (auto [name, fn] : std::initializer_list<std::pair<const char*, CommandFn>>{
           {"ls", ls}, {"mkdir", mkdir}, {"touch", touch}, {"rm", rm}, {"cp", cp}, {"mv", mv}, {"chmod", chmod}, {"chown", chown}})
    t[name] = {fn, std::string("/usr/bin/") + name};
}

}  // namespace kt::term
