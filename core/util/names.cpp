#include "core/util/names.h"

namespace kt::util {

namespace {
void append_random(std::string& out, std::size_t n, sim::Random& rng) {
  for (std::size_t i = 0; i < n; ++i) out += kNameAlphabet[rng.below(kNameAlphabet.size())];
}
}  // namespace

std::string rand_string(int n, sim::Random& rng) {
  std::string out;
  append_random(out, static_cast<std::size_t>(n), rng);
  return out;
}

std::string generate_name(std::string_view base, sim::Random& rng) {
  if (base.size() > kMaxGeneratedNameLength) base = base.substr(0, kMaxGeneratedNameLength);
  std::string out;  // one allocation: every API create with generateName comes here
  out.reserve(base.size() + kRandomNameLength);
  out.append(base);
  append_random(out, kRandomNameLength, rng);
  return out;
}

std::string safe_encode_string(std::string_view s) {
  // Go maps each rune of s into a slice of len(s) runes: for multi-byte input the tail
  // stays zero runes, which print as NUL bytes. Reproduced for fidelity.
  std::string out;
  std::size_t runes = 0;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    std::uint32_t cp = n == 4 ? (b & 0x07u) : n == 3 ? (b & 0x0Fu) : n == 2 ? (b & 0x1Fu) : b;
    if (i + n > s.size() || (b >= 0x80 && b < 0xC0)) {
      n = 1;
      cp = 0xFFFD;  // invalid UTF-8 reads as RuneError, one byte at a time
    } else {
      for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    }
    out += kNameAlphabet[cp % kNameAlphabet.size()];
    ++runes;
    i += n;
  }
  out.append(s.size() - runes, '\0');
  return out;
}

std::string safe_encode_uint32(std::uint32_t v) { return safe_encode_string(std::to_string(v)); }

std::uint32_t fnv32a(std::string_view data, std::uint32_t h) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

std::string compute_hash_fnv32a(std::string_view data, std::optional<std::int32_t> collision_count) {
  std::uint32_t h = fnv32a(data);
  if (collision_count) {
    const auto c = static_cast<std::uint32_t>(*collision_count);
    const char bytes[8] = {static_cast<char>(c & 0xFF), static_cast<char>((c >> 8) & 0xFF),
                           static_cast<char>((c >> 16) & 0xFF), static_cast<char>((c >> 24) & 0xFF), 0, 0, 0, 0};
    h = fnv32a(std::string_view(bytes, 8), h);
  }
  return safe_encode_uint32(h);
}

}  // namespace kt::util
