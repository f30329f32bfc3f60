// Mutations and checks for the fuzz tests (fuzz_support.h).
#include "tests/unit/fuzz_support.h"

#include <cctype>

namespace kt::testing {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// A position just after a ": " or "\":" (a value's start), or a random one.
std::size_t value_position(FuzzRng& rng, const std::string& text) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if (text[i] == ':' && (text[i + 1] == ' ' || text[i + 1] == '"' || std::isdigit(static_cast<unsigned char>(text[i + 1]))))
      at.push_back(i + 1);
  if (at.empty()) return rng.below(text.size() + 1);
  return rng.pick(at);
}

}  // namespace

std::string mutate_text(FuzzRng& rng, const std::string& text) {
  static const std::vector<std::string> kInserts = {
      "{", "}", "[", "]", ":", ",", "\"", "'", "-", "- ", "#", "&a", "*a", "!!str ", "|", ">", "%", "@", "`",
      "\t", "\n", "\n  ", "---\n", ": :", "? ", "\\", "\x7f", "\xff\xfe", "\xc3", "\xe2\x82", "\0",
      "99999999999999999999999", "-1", "-9223372036854775809", "1e400", "0x", "0o8", ".inf", "~", "null", "true",
      "[1, 2", "{a: 1", "\"unterminated", "'unterminated", "<<: *x", "$(", "${", "\u00e9"};
  std::string s = text;
  switch (rng.below(12)) {
    case 0:  // truncation
      return s.substr(0, rng.below(s.size() + 1));
    case 1: {  // byte flips
      const int n = 1 + static_cast<int>(rng.below(4));
      for (int i = 0; i < n && !s.empty(); ++i) s[rng.below(s.size())] ^= static_cast<char>(1 << rng.below(8));
      return s;
    }
    case 2:  // inserted syntax
      return s.insert(rng.below(s.size() + 1), rng.pick(kInserts));
    case 3: {  // deleted span
      if (s.empty()) return s;
      const std::size_t at = rng.below(s.size());
      return s.erase(at, 1 + rng.below(20));
    }
    case 4: {  // duplicated line (duplicate keys)
      auto lines = lines_of(s);
      if (lines.empty()) return s;
      const std::size_t i = rng.below(lines.size());
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i), lines[i]);
      return join_lines(lines);
    }
    case 5: {  // tabs for indentation
      auto lines = lines_of(s);
      for (auto& l : lines)
        if (l.rfind("  ", 0) == 0 && rng.chance(50)) l = "\t" + l.substr(2);
      return join_lines(lines);
    }
    case 6: {  // a value of another type
      static const std::vector<std::string> kValues = {
          "abc", "[1, 2]", "{a: b}", "{\"a\": 1}", "null", "true", "-5", "99999999999999999999", "1.5e308",
          "-0", "\"\"", "[]", "{}", "0x7fffffffffffffff", "'x'", "2147483648", "-2147483649"};
      const std::size_t at = value_position(rng, s);
      std::size_t end = s.find_first_of(",\n}", at);
      if (end == std::string::npos) end = s.size();
      return s.substr(0, at) + " " + rng.pick(kValues) + s.substr(end);
    }
    case 7: {  // deep nesting
      const std::size_t depth = 50 + rng.below(2000);
      const bool flow = rng.chance(50);
      std::string open, close;
      for (std::size_t i = 0; i < depth; ++i) {
        open += flow ? "[" : "{a: ";
        close += flow ? "]" : "}";
      }
      const std::size_t at = value_position(rng, s);
      return s.substr(0, at) + " " + open + "1" + close + s.substr(at);
    }
    case 8: {  // swapped lines
      auto lines = lines_of(s);
      if (lines.size() < 2) return s;
      std::swap(lines[rng.below(lines.size())], lines[rng.below(lines.size())]);
      return join_lines(lines);
    }
    case 9: {  // an unbalanced quote or bracket at a value
      static const std::vector<std::string> kOpen = {"\"", "'", "[", "{", "]", "}"};
      return s.insert(value_position(rng, s), rng.pick(kOpen));
    }
    case 10: {  // invalid UTF-8 in a value
      static const std::vector<std::string> kBad = {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf8\x88\x80\x80\x80"};
      return s.insert(value_position(rng, s), rng.pick(kBad));
    }
    default: {  // two mutations
      std::string once = mutate_text(rng, s);
      return mutate_text(rng, once);
    }
  }
}

std::vector<std::string> leaked_exception_lines(const std::string& output) {
  static const std::vector<std::string> kMarks = {"json.exception", "std::", "basic_string", "_M_", "stoll", "stoi",
                                                  "stoul", "stod", "out_of_range", "invalid_argument", "bad_alloc",
                                                  "terminate called", "vector::", "map::at"};
  std::vector<std::string> out;
  for (const auto& line : lines_of(output))
    for (const auto& m : kMarks)
      if (line.find(m) != std::string::npos) {
        out.push_back(line);
        break;
      }
  return out;
}

bool has_error_line(const std::string& output) {
  for (const auto& line : lines_of(output)) {
    if (line.rfind("error: ", 0) == 0 || line.rfind("Error from server", 0) == 0 || line.rfind("Error: ", 0) == 0 ||
        line.rfind("-bash: ", 0) == 0 || line.rfind("the server doesn't have a resource type", 0) == 0)
      return true;
    if (line.rfind("The ", 0) == 0 && line.find(" is invalid") != std::string::npos) return true;
    if (line.size() > 5 && line[0] == 'E' && std::isdigit(static_cast<unsigned char>(line[1]))) return true;  // klog
  }
  return false;
}

}  // namespace kt::testing
