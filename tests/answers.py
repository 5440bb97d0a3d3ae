"""A complete set of answers a manager could give, as the wizard's forms post them.

Plain data with no Django import, so the test suite and the load benchmark share it.
"""

from __future__ import annotations

from typing import Any

#: A complete set of answers a manager could give, step by step, as the form posts them.
ANSWERS: dict[str, dict[str, Any]] = {
    "company": {"industry": "ecommerce", "product_type": "configurable", "customers": "2000"},
    "demand": {
        "interactions_per_month": "1200",
        "contact_rate_percent": "5",
        "demand_pattern": "stable",
        "channels": ["email", "chat"],
        "aht_email_minutes": "8",
        "aht_chat_minutes": "10",
        "aht_phone_minutes": "6",
        "share_email_percent": "50",
        "share_chat_percent": "30",
        "share_phone_percent": "20",
        "chat_concurrency": "2",
    },
    "coverage": {
        "coverage": "business_hours",
        "languages": "1",
        "languages_per_agent": "1",
        "agent_channels": "all",
        "service_level_percent": "80",
        "service_level_seconds": "20",
        "first_response_hours": "24",
    },
    "priorities": {
        "control_need": "medium",
        "data_sensitivity": "personal",
        "cost_preference": "no_preference",
        "start_urgency": "months",
        "escalation_expertise": "basic",
        "existing_team_agents": "0",
    },
    "costs": {
        "inhouse_agent_salary": "3200",
        "seat_overhead": "700",
        "dedicated_agent_rate": "2600",
        "shared_hourly_rate": "40",
    },
    "review": {},
}
STEPS = list(ANSWERS)

#: The same kind of company's answers as the engine takes them (typed, every question answered),
#: for the engine's tests and benchmarks.
TYPED_ANSWERS: dict[str, Any] = {
    "industry": "other",
    "product_type": "configurable",
    "customers": 5000,
    "interactions_per_month": 600,
    "contact_rate_percent": 5.0,
    "demand_pattern": "stable",
    "channels": ["email", "chat"],
    "aht_email_minutes": 8.0,
    "aht_chat_minutes": 10.0,
    "aht_phone_minutes": 6.0,
    "share_email_percent": 50.0,
    "share_chat_percent": 30.0,
    "share_phone_percent": 20.0,
    "chat_concurrency": 2,
    "coverage": "business_hours",
    "languages": 1,
    "languages_per_agent": 1,
    "agent_channels": "all",
    "service_level_percent": 80.0,
    "service_level_seconds": 20,
    "first_response_hours": 24.0,
    "control_need": "medium",
    "data_sensitivity": "personal",
    "cost_preference": "no_preference",
    "start_urgency": "months",
    "escalation_expertise": "basic",
    "existing_team_agents": 0,
    "inhouse_agent_salary": 3200.0,
    "seat_overhead": 700.0,
    "dedicated_agent_rate": 2600.0,
    "shared_hourly_rate": 40.0,
}
