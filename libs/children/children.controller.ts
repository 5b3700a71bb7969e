import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import { Audit } from '@qoldau/audit';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { GenericPlans, IfMatch, ParseIdPipe } from '@qoldau/core';
import { CaseViewService } from './case-view.service';
import { ChildPage, ChildView, CloseChildDto, CreateChildDto, MergeChildDto, ReopenChildDto, UpdateChildDto } from './dto/child.dto';
import { ChildQuery, DuplicatesQuery, DuplicatesView, LookupQuery, LookupResult } from './dto/search.dto';
import { MergeService } from './merge/merge.service';
import { IdentityService } from './registration/identity.service';
import { RegistrationService } from './registration/registration.service';
import { ChildrenSearchService } from './search/children-search.service';

@ApiTags('children')
@ApiBearerAuth()
@Controller('children')
export class ChildrenController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
    private readonly caseView: CaseViewService,
    private readonly search: ChildrenSearchService,
    private readonly merges: MergeService,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'searchChildren', summary: 'Search children' })
  @Audit('child.search')
  @GenericPlans() // each statement of each kind of search timed both ways at 1 M children (test/bench/findings.md, "Search: generic plans")
  @ApiOkResponse({ type: ChildPage, description: 'Children visible to you only' })
  find(@CurrentActor() actor: Actor, @Query() query: ChildQuery) {
    return this.search.find(actor, query);
  }

  @Get('duplicates')
  @ApiOperation({ operationId: 'findDuplicateChildren', summary: 'Find possible duplicate records' })
  @Audit('child.duplicates')
  @ApiOkResponse({ type: DuplicatesView })
  duplicates(@CurrentActor() actor: Actor, @Query() query: DuplicatesQuery) {
    return this.search.duplicates(actor, query);
  }

  @Get('lookup')
  @ApiOperation({ operationId: 'lookupChildByIin', summary: 'Look up a child by IIN' })
  @Audit('child.lookup_by_iin')
  @ApiOkResponse({ type: LookupResult, description: 'PMPC roles: the child with this exact IIN, involved or not' })
  lookup(@CurrentActor() actor: Actor, @Query() query: LookupQuery) {
    return this.search.lookupByIin(actor, query.iin);
  }

  @Post()
  @ApiOperation({ operationId: 'registerChild', summary: 'Register a child' })
  @Audit('child.create')
  @ApiCreatedResponse({ type: ChildView })
  @ApiConflictResponse({ description: 'DUPLICATE_CHILD (existingId when you can see it) or POSSIBLE_DUPLICATE (candidates)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateChildDto) {
    return this.registration.register(actor, body);
  }

  @Get(':id')
  @ApiOperation({ summary: "Open a child's case" })
  @Audit('child.read')
  @GenericPlans() // each statement timed both ways at 1 M children (docs/performance.md, "Worklist: generic plans")
  @ApiOkResponse({ type: ChildView })
  @ApiNotFoundResponse({ description: 'NOT_FOUND (missing or not visible), or CHILD_MERGED with mergedInto' })
  read(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.caseView.read(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a child's identity details" })
  @Audit('child.update')
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag of the version being changed' })
  @ApiOkResponse({ type: ChildView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @IfMatch() version: number, @Body() body: UpdateChildDto) {
    return this.identity.update(actor, id, version, body);
  }

  @Post(':id/close')
  @ApiOperation({ summary: "Close a child's case" })
  @HttpCode(200)
  @Audit('child.close')
  @ApiOkResponse({ type: ChildView })
  close(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: CloseChildDto) {
    return this.identity.close(actor, id, body.reason);
  }

  @Post(':id/reopen')
  @ApiOperation({ summary: "Reopen a child's case" })
  @HttpCode(200)
  @Audit('child.reopen')
  @ApiOkResponse({ type: ChildView })
  reopen(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: ReopenChildDto) {
    return this.identity.reopen(actor, id, body.reason);
  }

  @Post(':id/merge')
  @ApiOperation({ summary: 'Merge a duplicate record into this one' })
  @HttpCode(200)
  @Audit('child.merge')
  @ApiOkResponse({ type: ChildView, description: 'The survivor, with everything of the duplicate' })
  merge(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: MergeChildDto) {
    return this.merges.merge(actor, id, body.duplicateId);
  }
}
