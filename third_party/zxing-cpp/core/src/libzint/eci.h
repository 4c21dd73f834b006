#include "../../../zint/backend/eci.h"
