// pflag's parsing rules, for the flags one kubectl command declares.
#include "core/kubectl/flags.h"

#include <cstdlib>

namespace kt::kubectl {
namespace {

using Kind = FlagSpec::Kind;

const FlagSpec* find_long(const std::vector<FlagSpec>& specs, const std::string& name) {
  for (const auto& s : specs)
    if (s.name == name) return &s;
  for (const auto& s : global_flags())
    if (s.name == name) return &s;
  return nullptr;
}

const FlagSpec* find_short(const std::vector<FlagSpec>& specs, char c) {
  for (const auto& s : specs)
    if (s.shorthand == c) return &s;
  for (const auto& s : global_flags())
    if (s.shorthand == c) return &s;
  return nullptr;
}

// strconv.ParseBool.
std::optional<bool> parse_bool(const std::string& v) {
  if (v == "1" || v == "t" || v == "T" || v == "true" || v == "TRUE" || v == "True") return true;
  if (v == "0" || v == "f" || v == "F" || v == "false" || v == "FALSE" || v == "False") return false;
  return std::nullopt;
}

bool parse_int(const std::string& v, std::int64_t& out) {
  if (v.empty()) return false;
  char* end = nullptr;
  out = std::strtoll(v.c_str(), &end, 10);
  return *end == 0;
}

// How pflag names a flag in "invalid argument" errors: "-o, --output" or "--replicas".
std::string display(const FlagSpec& s) {
  return s.shorthand ? std::string("-") + s.shorthand + ", --" + s.name : "--" + s.name;
}

// Stores one value; "" on success, else pflag's error.
std::string set(ParsedArgs& p, const FlagSpec& s, const std::string& value) {
  if (s.kind == Kind::Bool) {
    auto b = parse_bool(value);
    if (!b)
      return "invalid argument \"" + value + "\" for \"" + display(s) + "\" flag: strconv.ParseBool: parsing \"" +
             value + "\": invalid syntax";
    p.values_[s.name].push_back(*b ? "true" : "false");
    return "";
  }
  if (s.kind == Kind::Int) {
    std::int64_t n;
    if (!parse_int(value, n))
      return "invalid argument \"" + value + "\" for \"" + display(s) + "\" flag: strconv.ParseInt: parsing \"" +
             value + "\": invalid syntax";
  }
  if (s.kind == Kind::StringList) {
    std::size_t start = 0;
    while (true) {
      auto comma = value.find(',', start);
      p.values_[s.name].push_back(value.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return "";
  }
  p.values_[s.name].push_back(value);
  return "";
}

}  // namespace

const std::vector<FlagSpec>& global_flags() {
  static const std::vector<FlagSpec> g = {
      {"namespace", 'n', Kind::String, ""},     {"context", 0, Kind::String, ""},
      {"kubeconfig", 0, Kind::String, ""},      {"cluster", 0, Kind::String, ""},
      {"user", 0, Kind::String, ""},            {"request-timeout", 0, Kind::String, "0"},
      {"v", 'v', Kind::Int, "0"},               {"cache-dir", 0, Kind::String, ""},
      {"server", 's', Kind::String, ""},        {"insecure-skip-tls-verify", 0, Kind::Bool, "false"},
      {"warnings-as-errors", 0, Kind::Bool, "false"}, {"help", 'h', Kind::Bool, "false"},
      // Impersonation (Impersonate-User, -Group, -Uid): auth can-i and whoami answer for it.
      {"as", 0, Kind::String, ""},              {"as-group", 0, Kind::StringArray, "[]"},
      {"as-uid", 0, Kind::String, ""},
  };
  return g;
}

std::string ParsedArgs::str(const std::string& name, const std::string& dflt) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.empty() ? dflt : it->second.back();
}

bool ParsedArgs::flag(const std::string& name, bool dflt) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.empty() ? dflt : it->second.back() == "true";
}

std::int64_t ParsedArgs::integer(const std::string& name, std::int64_t dflt) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return dflt;
  return std::strtoll(it->second.back().c_str(), nullptr, 10);
}

std::vector<std::string> ParsedArgs::list(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs) {
  ParsedArgs p;
  for (std::size_t i = 0; i < args.size() && p.error.empty(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      p.after_dash.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    if (a.size() < 2 || a[0] != '-') {
      p.positional.push_back(a);
      continue;
    }
    if (a[1] == '-') {  // --name, --name=value
      auto eq = a.find('=');
      std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      const FlagSpec* s = find_long(specs, name);
      if (!s) {
        p.error = "unknown flag: --" + name;
      } else if (eq != std::string::npos) {
        p.error = set(p, *s, a.substr(eq + 1));
      } else if (s->kind == Kind::Bool) {
        p.error = set(p, *s, "true");
      } else if (!s->no_opt_default.empty()) {
        p.error = set(p, *s, s->no_opt_default);
      } else if (i + 1 < args.size()) {
        p.error = set(p, *s, args[++i]);
      } else {
        p.error = "flag needs an argument: --" + name;
      }
      continue;
    }
    // -abc: shorthands, the last one may take the rest as its value.
    for (std::size_t j = 1; j < a.size() && p.error.empty(); ++j) {
      const FlagSpec* s = find_short(specs, a[j]);
      if (!s) {
        p.error = std::string("unknown shorthand flag: '") + a[j] + "' in " + a;
        break;
      }
      if (j + 1 < a.size() && a[j + 1] == '=') {
        p.error = set(p, *s, a.substr(j + 2));
        break;
      }
      if (s->kind == Kind::Bool) {
        p.error = set(p, *s, "true");
        continue;
      }
      if (j + 1 < a.size()) {
        p.error = set(p, *s, a.substr(j + 1));
      } else if (i + 1 < args.size()) {
        p.error = set(p, *s, args[++i]);
      } else {
        p.error = std::string("flag needs an argument: '") + a[j] + "' in -" + a[j];
      }
      break;
    }
  }
  return p;
}

}  // namespace kt::kubectl
