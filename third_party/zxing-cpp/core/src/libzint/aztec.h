#include "../../../zint/backend/aztec.h"
