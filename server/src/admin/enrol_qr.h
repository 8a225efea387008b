#pragma once
// The enrolment QR code of `qiaomen-county enroll-code --qr` and of the console's 人员与设备 page:
// the link (core/enrol/enrol_link.h) as a QR code (libqrencode), drawn for a terminal, written as
// a PNG (libpng) or as an inline SVG for a web page; and the
// public-key pin of the server's TLS certificate (OpenSSL), as curl --pinnedpubkey takes it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::server {

// A QR code's modules, row by row: true is dark. No quiet zone.
struct QrMatrix {
  int width = 0;
  std::vector<bool> dark;  // width * width
  bool At(int x, int y) const { return dark[static_cast<size_t>(y) * width + x]; }
};

// `text` as a QR code in byte mode, error correction M, the smallest version that holds it.
// InvalidArgument when it does not fit (a QR code holds about 2,300 bytes at M).
core::Result<QrMatrix> EncodeQr(std::string_view text);

// The code in UTF-8 half blocks (two rows a line), with a quiet zone of 2 modules, light modules
// drawn: for a terminal with light text on a dark background, as `qrencode -t UTF8` draws.
std::string QrTerminalText(const QrMatrix& qr);

// An 8-bit greyscale PNG of the code, `scale` pixels a module, with the quiet zone of 4 modules
// the standard asks for. Internal if libpng fails.
core::Result<std::string> QrPng(const QrMatrix& qr, int scale = 8);

// The code as an SVG element (one path, dark modules on a white square with the quiet zone of 4
// modules), `pixels` wide and high, with `label` as its accessible name (escaped here): for an
// HTML page, no script and no style attribute (the console's CSP allows neither).
std::string QrSvg(const QrMatrix& qr, int pixels, std::string_view label);

// "sha256//BASE64": the SHA-256 of the DER SubjectPublicKeyInfo of the first certificate in the
// PEM file `cert_path` (the server's --tls-cert). NotFound / InvalidArgument with the path.
core::Result<std::string> PublicKeyPinOfCertificate(const std::string& cert_path);

}  // namespace qiaomen::server
