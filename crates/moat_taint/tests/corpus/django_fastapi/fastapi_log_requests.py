import logging
from typing import Annotated
from uuid import UUID

from fastapi import FastAPI, Query, Request
from pydantic import BaseModel

logger = logging.getLogger("api")
app = FastAPI()


class Order(BaseModel):
    customer: str
    quantity: int


@app.middleware("http")
async def access_log(request: Request, call_next):
    response = await call_next(request)
    logger.info("%s %s %s", request.method, request.url.path, request.headers.get("x-request-id", "-"))  # expect: log-injection
    return response


@app.post("/orders")
async def create_order(order: Order):
    logger.info("order for %s qty=%d", order.customer, order.quantity)  # expect: log-injection
    logger.info("order qty=%d", order.quantity)  # ok: log-injection
    return {"ok": True}


@app.get("/orders/{order_id}")
async def get_order(order_id: UUID, client: Annotated[str, Query()] = "web"):
    logger.debug("fetch order %s", order_id)  # ok: log-injection
    logger.debug("client %s fetched order", client)  # expect: log-injection
    return {"id": str(order_id)}
