#include "../../../zint/backend/zintconfig.h"
