#include "../../../zint/backend/big5.h"
