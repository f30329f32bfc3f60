#include "core/node/process_shell.h"

#include <cctype>
#include <cstdlib>

namespace kt::node {
namespace {

std::string lookup(const ShellVars& vars, const std::string& name) {
  auto it = vars.find(name);
  return it == vars.end() ? "" : it->second;
}

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

std::string shell_expand(const std::string& w, const ShellVars& vars, int last_status) {
  if (w.find('$') == std::string::npos) return w;
  std::string out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] != '$' || i + 1 >= w.size()) {
      out += w[i];
      continue;
    }
    if (w.compare(i, 3, "$((") == 0) {
      const auto close = w.find("))", i + 3);
      if (close == std::string::npos) {
        out += w.substr(i);
        break;
      }
      out += std::to_string(shell_arith(w.substr(i + 3, close - i - 3), vars));
      i = close + 1;
    } else if (w[i + 1] == '{') {
      const auto close = w.find('}', i + 2);
      if (close == std::string::npos) {
        out += w.substr(i);
        break;
      }
      out += lookup(vars, w.substr(i + 2, close - i - 2));
      i = close;
    } else if (w[i + 1] == '?') {
      out += std::to_string(last_status);
      ++i;
    } else if (std::isalpha(static_cast<unsigned char>(w[i + 1])) || w[i + 1] == '_') {
      std::size_t j = i + 1;
      while (j < w.size() && name_char(w[j])) ++j;
      out += lookup(vars, w.substr(i + 1, j - i - 1));
      i = j - 1;
    } else {
      out += w[i];
    }
  }
  return out;
}

long long shell_arith(const std::string& expr, const ShellVars& vars) {
  // Terms joined by + and -, each a product of operands joined by * / %.
  std::vector<long long> terms;
  std::vector<char> ops;
  std::size_t i = 0;
  auto skip_spaces = [&] {
    while (i < expr.size() && expr[i] == ' ') ++i;
  };
  auto operand = [&]() -> long long {
    skip_spaces();
    bool neg = false;
    if (i < expr.size() && expr[i] == '-') neg = true, ++i;
    if (i < expr.size() && expr[i] == '$') ++i;
    std::size_t j = i;
    while (j < expr.size() && name_char(expr[j])) ++j;
    const std::string tok = expr.substr(i, j - i);
    i = j;
    long long v = 0;
    if (!tok.empty() && std::isdigit(static_cast<unsigned char>(tok[0]))) v = std::atoll(tok.c_str());
    else if (!tok.empty()) v = std::atoll(lookup(vars, tok).c_str());
    return neg ? -v : v;
  };
  terms.push_back(operand());
  while (true) {
    skip_spaces();
    if (i >= expr.size()) break;
    const char op = expr[i++];
    const long long rhs = operand();
    if (op == '*' || op == '/' || op == '%') {
      long long& l = terms.back();
      if (op == '*') l *= rhs;
      else if (rhs != 0) l = op == '/' ? l / rhs : l % rhs;
    } else {
      ops.push_back(op);
      terms.push_back(rhs);
    }
  }
  long long v = terms[0];
  for (std::size_t k = 0; k < ops.size(); ++k) v = ops[k] == '-' ? v - terms[k + 1] : v + terms[k + 1];
  return v;
}

std::vector<std::string> shell_seq(const std::vector<std::string>& w, std::size_t limit) {
  std::vector<std::string> out;
  long long first = 1, step = 1, last = 0;
  if (w.size() == 2) {
    last = std::atoll(w[1].c_str());
  } else if (w.size() == 3) {
    first = std::atoll(w[1].c_str());
    last = std::atoll(w[2].c_str());
  } else if (w.size() >= 4) {
    first = std::atoll(w[1].c_str());
    step = std::atoll(w[2].c_str());
    last = std::atoll(w[3].c_str());
  }
  if (step == 0) return out;
  for (long long i = first; (step > 0 ? i <= last : i >= last) && out.size() < limit; i += step)
    out.push_back(std::to_string(i));
  return out;
}

int shell_test(std::vector<std::string> w, std::string& error) {
  if (!w.empty() && w[0] == "[") {
    if (w.back() != "]") {
      error = "sh: missing ]";
      return 2;
    }
    w.pop_back();
  }
  std::vector<std::string> a(w.begin() + (w.empty() ? 0 : 1), w.end());
  bool negate = false;
  if (!a.empty() && a[0] == "!") {
    negate = true;
    a.erase(a.begin());
  }
  bool r = false;
  if (a.size() == 1) {
    r = !a[0].empty();
  } else if (a.size() == 2 && a[0] == "-z") {
    r = a[1].empty();
  } else if (a.size() == 2 && a[0] == "-n") {
    r = !a[1].empty();
  } else if (a.size() == 3) {
    const std::string& op = a[1];
    if (op == "=" || op == "==") {
      r = a[0] == a[2];
    } else if (op == "!=") {
      r = a[0] != a[2];
    } else {
      char* e1 = nullptr;
      char* e2 = nullptr;
      const long long x = std::strtoll(a[0].c_str(), &e1, 10), y = std::strtoll(a[2].c_str(), &e2, 10);
      if (a[0].empty() || *e1) {
        error = "sh: " + a[0] + ": bad number";
        return 2;
      }
      if (a[2].empty() || *e2) {
        error = "sh: " + a[2] + ": bad number";
        return 2;
      }
      if (op == "-lt") r = x < y;
      else if (op == "-le") r = x <= y;
      else if (op == "-gt") r = x > y;
      else if (op == "-ge") r = x >= y;
      else if (op == "-eq") r = x == y;
      else if (op == "-ne") r = x != y;
    }
  }
  return r != negate ? 0 : 1;
}

}  // namespace kt::node
