// The checks Go's crypto/tls.X509KeyPair makes on a PEM certificate and private key
// (what `kubectl create secret tls` runs before it builds the Secret), with Go's
// error texts: the PEM blocks are found and typed, the first certificate's DER is
// walked far enough to read its public key, the key is parsed as PKCS#1, PKCS#8 or
// SEC1, and an RSA modulus or EC point must match between the two. The sandbox does
// no arithmetic on keys: an EC or Ed25519 key that does not carry its public half is
// taken as matching.
#pragma once

#include <string>

namespace kt::kubectl {

// "" when the pair passes, else Go's error ("tls: failed to find any PEM data in
// certificate input", "tls: private key does not match public key", ...).
std::string check_x509_key_pair(const std::string& cert_pem, const std::string& key_pem);

}  // namespace kt::kubectl
