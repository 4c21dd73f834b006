#include "../../../zint/backend/qr.c"
