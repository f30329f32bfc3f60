// crypto/tls.X509KeyPair's checks (see tls_keypair.h). Sections:
//   1. PEM blocks (encoding/pem.Decode: BEGIN/END lines of one type, base64 body)
//   2. DER reading (tag, length, contents)
//   3. the certificate's public key and the private key
//   4. X509KeyPair's order of checks and its messages
#include "core/kubectl/tls_keypair.h"

#include <optional>
#include <vector>

#include "core/util/base64.h"

namespace kt::kubectl {
namespace {

// ---- 1. PEM ------------------------------------------------------------------------------------

struct PemBlock {
  std::string type, der;
};

std::vector<PemBlock> pem_blocks(const std::string& text) {
  std::vector<PemBlock> out;
  static const std::string begin = "-----BEGIN ", dashes = "-----";
  std::size_t pos = 0;
  while ((pos = text.find(begin, pos)) != std::string::npos) {
    if (pos > 0 && text[pos - 1] != '\n') {
      pos += begin.size();
      continue;
    }
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    pos += begin.size();
    if (line.size() < begin.size() + dashes.size() || line.compare(line.size() - dashes.size(), dashes.size(), dashes))
      continue;
    const std::string type = line.substr(begin.size(), line.size() - begin.size() - dashes.size());
    const std::string end = "\n-----END " + type + dashes;
    const std::size_t end_at = text.find(end, eol == text.size() ? eol : eol);
    if (end_at == std::string::npos) continue;
    std::string body;
    for (std::size_t i = eol; i < end_at; ++i)
      if (text[i] != '\n' && text[i] != '\r' && text[i] != ' ' && text[i] != '\t') body += text[i];
    auto der = util::base64_decode(body);
    if (!der) continue;
    out.push_back({type, *der});
    pos = end_at + end.size();
  }
  return out;
}

// ---- 2. DER ------------------------------------------------------------------------------------

struct Der {
  unsigned char tag = 0;
  std::string body;
};

// Reads one element from `in` at `at`, moving `at` past it.
std::optional<Der> read_der(const std::string& in, std::size_t& at) {
  if (at + 2 > in.size()) return std::nullopt;
  Der d;
  d.tag = static_cast<unsigned char>(in[at++]);
  std::size_t len = static_cast<unsigned char>(in[at++]);
  if (len & 0x80) {
    const std::size_t n = len & 0x7f;
    if (n == 0 || n > 4 || at + n > in.size()) return std::nullopt;
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | static_cast<unsigned char>(in[at++]);
  }
  if (len > in.size() - at) return std::nullopt;
  d.body = in.substr(at, len);
  at += len;
  return d;
}

// The elements of a SEQUENCE's contents.
std::optional<std::vector<Der>> children(const std::string& body) {
  std::vector<Der> out;
  std::size_t at = 0;
  while (at < body.size()) {
    auto d = read_der(body, at);
    if (!d) return std::nullopt;
    out.push_back(*d);
  }
  return out;
}

std::optional<std::vector<Der>> sequence(const std::string& der) {
  std::size_t at = 0;
  auto d = read_der(der, at);
  if (!d || d->tag != 0x30 || at != der.size()) return std::nullopt;
  return children(d->body);
}

std::string strip_zeros(std::string n) {
  while (n.size() > 1 && n[0] == '\0') n.erase(0, 1);
  return n;
}

// ---- 3. keys ---------------------------------------------------------------------------------------

enum class Algo { None, Rsa, Ec, Ed25519, Unknown };

struct Key {
  Algo algo = Algo::None;
  std::string material;  // RSA modulus, EC point; "" when the key does not say
};

const std::string kRsaOid = "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01";
const std::string kEcOid = "\x2a\x86\x48\xce\x3d\x02\x01";
const std::string kEd25519Oid = "\x2b\x65\x70";

Algo algo_of(const Der& alg_seq) {
  auto parts = children(alg_seq.body);
  if (!parts || parts->empty() || (*parts)[0].tag != 0x06) return Algo::Unknown;
  const std::string& oid = (*parts)[0].body;
  if (oid == kRsaOid) return Algo::Rsa;
  if (oid == kEcOid) return Algo::Ec;
  if (oid == kEd25519Oid) return Algo::Ed25519;
  return Algo::Unknown;
}

// The certificate's subject public key; nullopt when the DER is not a certificate.
std::optional<Key> certificate_key(const std::string& der) {
  auto cert = sequence(der);
  if (!cert || cert->size() != 3 || (*cert)[0].tag != 0x30) return std::nullopt;
  auto tbs = children((*cert)[0].body);
  if (!tbs) return std::nullopt;
  std::size_t i = (!tbs->empty() && (*tbs)[0].tag == 0xa0) ? 1 : 0;  // [0] version
  i += 5;  // serial, signature, issuer, validity, subject
  if (tbs->size() <= i || (*tbs)[i].tag != 0x30) return std::nullopt;
  auto spki = children((*tbs)[i].body);
  if (!spki || spki->size() != 2 || (*spki)[0].tag != 0x30 || (*spki)[1].tag != 0x03 || (*spki)[1].body.empty())
    return std::nullopt;
  Key k;
  k.algo = algo_of((*spki)[0]);
  const std::string bits = (*spki)[1].body.substr(1);
  if (k.algo == Algo::Rsa) {
    auto rsa = sequence(bits);
    if (!rsa || rsa->size() != 2 || (*rsa)[0].tag != 0x02) return std::nullopt;
    k.material = strip_zeros((*rsa)[0].body);
  } else {
    k.material = bits;
  }
  return k;
}

std::optional<Key> pkcs1_key(const std::string& der) {
  auto seq = sequence(der);
  if (!seq || seq->size() < 9 || (*seq)[0].tag != 0x02 || (*seq)[1].tag != 0x02) return std::nullopt;
  return Key{Algo::Rsa, strip_zeros((*seq)[1].body)};
}

std::optional<Key> sec1_key(const std::string& der) {
  auto seq = sequence(der);
  if (!seq || seq->size() < 2 || (*seq)[0].tag != 0x02 || (*seq)[0].body != std::string(1, '\x01') ||
      (*seq)[1].tag != 0x04)
    return std::nullopt;
  Key k{Algo::Ec, ""};
  for (std::size_t i = 2; i < seq->size(); ++i)
    if ((*seq)[i].tag == 0xa1) {
      std::size_t at = 0;
      auto bits = read_der((*seq)[i].body, at);
      if (bits && bits->tag == 0x03 && !bits->body.empty()) k.material = bits->body.substr(1);
    }
  return k;
}

// PKCS#8: nullopt when it is not PKCS#8; Algo::Unknown for a key type tls cannot use.
std::optional<Key> pkcs8_key(const std::string& der) {
  auto seq = sequence(der);
  if (!seq || seq->size() < 3 || (*seq)[0].tag != 0x02 || (*seq)[1].tag != 0x30 || (*seq)[2].tag != 0x04)
    return std::nullopt;
  const Algo algo = algo_of((*seq)[1]);
  if (algo == Algo::Rsa) return pkcs1_key((*seq)[2].body);
  if (algo == Algo::Ec) return sec1_key((*seq)[2].body);
  if (algo == Algo::Ed25519) return Key{Algo::Ed25519, ""};
  return Key{Algo::Unknown, ""};
}

// ---- 4. X509KeyPair --------------------------------------------------------------------------------

std::string type_list(const std::vector<std::string>& types) {
  std::string out = "[";
  for (std::size_t i = 0; i < types.size(); ++i) out += (i ? " " : "") + types[i];
  return out + "]";
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string check_x509_key_pair(const std::string& cert_pem, const std::string& key_pem) {
  std::vector<std::string> skipped;
  std::string first_cert;
  bool have_cert = false;
  for (const auto& b : pem_blocks(cert_pem)) {
    if (b.type == "CERTIFICATE") {
      if (!have_cert) first_cert = b.der;
      have_cert = true;
    } else {
      skipped.push_back(b.type);
    }
  }
  if (!have_cert) {
    if (skipped.empty()) return "tls: failed to find any PEM data in certificate input";
    if (skipped.size() == 1 && ends_with(skipped[0], "PRIVATE KEY"))
      return "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs "
             "may have been switched";
    return "tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the "
           "following types: " + type_list(skipped);
  }
  skipped.clear();
  const PemBlock* key_block = nullptr;
  const auto key_blocks = pem_blocks(key_pem);
  for (const auto& b : key_blocks) {
    if (b.type == "PRIVATE KEY" || ends_with(b.type, " PRIVATE KEY")) {
      key_block = &b;
      break;
    }
    skipped.push_back(b.type);
  }
  if (!key_block) {
    if (skipped.empty()) return "tls: failed to find any PEM data in key input";
    if (skipped.size() == 1 && skipped[0] == "CERTIFICATE")
      return "tls: found a certificate rather than a key in the PEM for the private key";
    return "tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks "
           "of the following types: " + type_list(skipped);
  }
  const auto pub = certificate_key(first_cert);
  if (!pub) return "x509: malformed certificate";
  std::optional<Key> priv = pkcs1_key(key_block->der);
  if (!priv) priv = pkcs8_key(key_block->der);
  if (priv && priv->algo == Algo::Unknown) return "tls: found unknown private key type in PKCS#8 wrapping";
  if (!priv) priv = sec1_key(key_block->der);
  if (!priv) return "tls: failed to parse private key";
  if (pub->algo == Algo::Unknown) return "tls: unknown public key algorithm";
  if (pub->algo != priv->algo) return "tls: private key type does not match public key type";
  if (!priv->material.empty() && priv->material != pub->material) return "tls: private key does not match public key";
  return "";
}

}  // namespace kt::kubectl
