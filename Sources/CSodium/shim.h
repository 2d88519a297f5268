#ifndef BUURTSTEM_CSODIUM_SHIM_H
#define BUURTSTEM_CSODIUM_SHIM_H
#include <sodium.h>
#endif
