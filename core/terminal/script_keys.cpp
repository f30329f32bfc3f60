// Script lines as editor keys (see script_keys.h).
#include "core/terminal/script_keys.h"

#include <cctype>
#include <map>

namespace kt::term {
namespace {

// "<Esc>" → "\x1b", …; empty for a name that is not a key.
std::string named_key(std::string name) {
  static const std::map<std::string, std::string> keys = {
      {"esc", "\x1b"},     {"enter", "\r"},      {"cr", "\r"},         {"return", "\r"},    {"tab", "\t"},
      {"bs", "\x7f"},      {"backspace", "\x7f"}, {"del", "\x1b[3~"},   {"delete", "\x1b[3~"},
      {"up", "\x1b[A"},    {"down", "\x1b[B"},   {"right", "\x1b[C"},  {"left", "\x1b[D"},  {"home", "\x1b[H"},
      {"end", "\x1b[F"},   {"pgup", "\x1b[5~"},  {"pgdn", "\x1b[6~"},  {"pageup", "\x1b[5~"}, {"pagedown", "\x1b[6~"},
      {"lt", "<"},
  };
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (auto it = keys.find(name); it != keys.end()) return it->second;
  if (name.size() == 3 && name[0] == 'c' && name[1] == '-') {
    const char c = name[2];
    if (c >= 'a' && c <= 'z') return std::string(1, static_cast<char>(c - 'a' + 1));
    if (c == '\\') return "\x1c";
    if (c == ']') return "\x1d";
    if (c == '/' || c == '_') return "\x1f";
  }
  return "";
}

}  // namespace

std::vector<std::string> script_line_keys(std::string_view line) {
  std::vector<std::string> keys;
  bool ends_with_named = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '<') {
      const auto close = line.find('>', i + 1);
      if (close != std::string_view::npos) {
        const std::string key = named_key(std::string(line.substr(i + 1, close - i - 1)));
        if (!key.empty()) {
          keys.push_back(key);
          i = close;
          ends_with_named = i + 1 == line.size();
          continue;
        }
      }
    }
    keys.emplace_back(1, line[i]);
  }
  if (!ends_with_named) keys.emplace_back("\r");
  return keys;
}

}  // namespace kt::term
