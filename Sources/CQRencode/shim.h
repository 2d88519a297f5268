#ifndef BUURTSTEM_CQRENCODE_SHIM_H
#define BUURTSTEM_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
