#include "../../../zint/backend/eci_sb.h"
