import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { IfMatch, ParseIdPipe } from '@qoldau/core';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserPage, UserQuery, UserView } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users' })
  @ApiOkResponse({ type: UserPage })
  list(@CurrentActor() actor: Actor, @Query() query: UserQuery) {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Show a user' })
  @ApiOkResponse({ type: UserView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.users.get(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user account' })
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user account' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOkResponse({ type: UserView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @IfMatch() version: number, @Body() body: UpdateUserDto) {
    return this.users.update(actor, id, version, body);
  }

  @Post(':id/deactivate')
  @ApiOperation({ summary: 'Deactivate a user account' })
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  deactivate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.users.deactivate(actor, id);
  }

  @Post(':id/activate')
  @ApiOperation({ summary: 'Reactivate a user account' })
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  activate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.users.activate(actor, id);
  }

  @Post(':id/reset-password')
  @ApiOperation({ operationId: 'resetUserPassword', summary: "Reset a user's password" })
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  resetPassword(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: ResetPasswordDto) {
    return this.users.resetPassword(actor, id, body.password);
  }
}
